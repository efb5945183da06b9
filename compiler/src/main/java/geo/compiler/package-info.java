/**
 * The Geo compiler. Its packages are the pipeline stages, in the order a {@code .geo} file
 * passes through them: {@code source} (files, spans, diagnostics), {@code parse} (ANTLR to AST),
 * {@code ast}, {@code check} (names, shapes, kinds), {@code driver} (the front end as one call),
 * then the symbolic stages that lower, derive and emit.
 */
package geo.compiler;
