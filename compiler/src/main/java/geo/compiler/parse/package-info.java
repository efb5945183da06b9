/**
 * Stage 1: text to AST. Lexes with {@link geo.compiler.parse.SourceLexer} (a hand-written scanner
 * that gives exactly the tokens of the ANTLR-generated {@code GeoLexer}, without its start-up cost),
 * then runs the ANTLR-generated parser with Geo's own error strategy
 * (messages in words a user understands, reported into {@link geo.compiler.source.Diagnostics}
 * instead of ANTLR's console listener), then {@link geo.compiler.parse.AstBuilder} turns the parse
 * tree into {@link geo.compiler.ast} records. This package is the only code that touches ANTLR's
 * parse-tree classes.
 */
package geo.compiler.parse;
