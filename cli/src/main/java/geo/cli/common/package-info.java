/**
 * What every command package of the CLI shares and nothing else: the streams of a run
 * ({@link geo.cli.common.Io}), the exit codes, usage errors, progress reports on standard error,
 * tables, the strict reading of number lists ({@link geo.cli.common.NumberList}) and the root's
 * {@code --debug} switch as an interface. Imports no other CLI package; {@link geo.cli.common.figure}
 * is the figure renderer shared by {@code geo plot}, {@code geo embed --plot} and the REPL's
 * {@code :plot}.
 */
package geo.cli.common;
