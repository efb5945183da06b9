/**
 * Stage 0: source text. Files ({@link geo.compiler.source.SourceFile}), positions
 * ({@link geo.compiler.source.SourceSpan}) and the diagnostics every later stage reports into
 * ({@link geo.compiler.source.Diagnostics}), rendered as {@code file:line:col: error: text}
 * followed by the source line and a caret.
 */
package geo.compiler.source;
