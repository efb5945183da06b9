/**
 * Stage 2: the abstract syntax tree. Sealed interfaces with record cases; every node carries the
 * {@link geo.compiler.source.SourceSpan} it came from. Built only by {@code geo.compiler.parse.AstBuilder},
 * read by the checker and the lowering to IR. Nothing here knows about ANTLR.
 */
package geo.compiler.ast;
