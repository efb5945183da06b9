package geo.compiler.ast;

import geo.compiler.source.SourceSpan;
import java.util.List;

/** An expression. Shapes are not stored here: the checker infers them. */
public sealed interface Expr extends Node
        permits Expr.Num, Expr.Name, Expr.Call, Expr.Neg, Expr.Binary, Expr.Transpose, Expr.Index, Expr.ListLit {

    /** A number literal; {@code text} is as written. */
    record Num(double value, String text, SourceSpan span) implements Expr {
    }

    /** A use of a name. */
    record Name(String id, SourceSpan span) implements Expr {
    }

    /** {@code f(a, b)}: a built-in or a user {@code def}. */
    record Call(Ident callee, List<Expr> args, SourceSpan span) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** {@code -a}. */
    record Neg(Expr operand, SourceSpan span) implements Expr {
    }

    /** The binary operators, with how they print. */
    enum BinOp {
        ADD("+"), SUB("-"), MUL("*"), DIV("/"), POW("^");

        private final String symbol;

        BinOp(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /**
     * {@code a op b}. {@code opSpan} is the operator itself, where shape errors of the operation
     * are reported.
     */
    record Binary(BinOp op, Expr left, Expr right, SourceSpan opSpan, SourceSpan span) implements Expr {
    }

    /** {@code a'}. */
    record Transpose(Expr operand, SourceSpan span) implements Expr {
    }

    /** {@code a[i]}, {@code A[i, j]}, {@code a[1:3]}, {@code A[:, 0]}. */
    record Index(Expr target, List<IndexItem> items, SourceSpan span) implements Expr {
        public Index {
            items = List.copyOf(items);
        }
    }

    /** {@code [a, b, c]}: a vector of scalars, or a matrix whose rows are the listed vectors. */
    record ListLit(List<Expr> elements, SourceSpan span) implements Expr {
        public ListLit {
            elements = List.copyOf(elements);
        }
    }
}
