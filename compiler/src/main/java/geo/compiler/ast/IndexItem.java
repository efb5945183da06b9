package geo.compiler.ast;

import geo.compiler.source.SourceSpan;

/** One position inside {@code a[...]}: a single index or a half-open slice {@code lo:hi}. */
public sealed interface IndexItem extends Node permits IndexItem.At, IndexItem.Slice {

    /** {@code a[i]}. */
    record At(Expr index, SourceSpan span) implements IndexItem {
    }

    /** {@code a[lo:hi]}; {@code lo} and {@code hi} are {@code null} when omitted (start, end). */
    record Slice(Expr lo, Expr hi, SourceSpan span) implements IndexItem {
    }
}
