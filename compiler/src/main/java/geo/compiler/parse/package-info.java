/**
 * Stage 1: text to AST. Runs the ANTLR-generated lexer and parser with Geo's own error strategy
 * (messages in words a user understands, reported into {@link geo.compiler.source.Diagnostics}
 * instead of ANTLR's console listener), then {@link geo.compiler.parse.AstBuilder} turns the parse
 * tree into {@link geo.compiler.ast} records. This package is the only code that touches ANTLR's
 * parse-tree classes.
 */
package geo.compiler.parse;
