/**
 * The equation REPL ({@code geo repl}): a session that builds a model one declaration at a time,
 * re-checks it with the compiler's front end after every input and rolls back on error, shows
 * and evaluates the derived equations through {@link geo.compiler.show}, saves and compiles the
 * model, and hands expression lines to an {@link geo.cli.repl.Evaluator}. Stage: command line,
 * on top of the whole compiler; input comes from JLine 3 on a terminal and from a plain stream
 * otherwise, so a scripted session gives a stable transcript. Of the CLI it imports only
 * {@link geo.cli.common}, {@link geo.cli.options}, {@link geo.cli.solve} and {@link geo.cli.plot}.
 */
package geo.cli.repl;
