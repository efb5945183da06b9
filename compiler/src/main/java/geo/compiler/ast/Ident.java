package geo.compiler.ast;

import geo.compiler.source.SourceSpan;

/** A name where it is declared (not where it is used: that is {@link Expr.Name}). */
public record Ident(String text, SourceSpan span) implements Node {
}
