/**
 * The {@code geo} command (picocli). Every command takes its input, output and error streams and
 * returns an exit code ({@link geo.cli.ExitCodes}); only {@link geo.cli.Main#main} exits the JVM.
 */
package geo.cli;
