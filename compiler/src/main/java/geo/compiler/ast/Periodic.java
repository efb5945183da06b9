package geo.compiler.ast;

import geo.compiler.source.SourceSpan;

/**
 * The {@code periodic(phi, 2 * pi)} clause of a coords declaration: the coordinate is an angle, and
 * points whose values of it differ by a multiple of {@code period} are the same point.
 *
 * @param coordinate the coordinate's name (a named scalar coordinate, or a coordinate vector)
 * @param index      the element of a coordinate vector ({@code x[1]}), or null for a named coordinate
 * @param period     the period, a positive constant
 */
public record Periodic(Ident coordinate, Expr.Num index, Expr period, SourceSpan span) implements Node {
}
