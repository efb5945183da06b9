/**
 * The {@code geo} command (picocli): {@link geo.cli.Main} parses the command line and runs a
 * subcommand from one of the command packages — {@link geo.cli.language} (check, show, compile),
 * {@link geo.cli.solve} (exp, log, dist, geodesic), {@link geo.cli.plot}, {@link geo.cli.learn.embed}
 * and {@link geo.cli.repl} — which share only {@link geo.cli.common} and {@link geo.cli.options}.
 * Every command takes its input, output and error streams and returns an exit code
 * ({@link geo.cli.common.ExitCodes}); only {@link geo.cli.Main#main} exits the JVM. The root is the
 * only package that may import every other one (architecture.md, "Package rules").
 */
package geo.cli;
