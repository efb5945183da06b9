package geo.compiler.ir;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One node of the scalar expression DAG. Immutable and made only by a {@link NodeFactory},
 * which interns nodes: within one factory, structurally equal nodes are the same object, so
 * {@code ==} is structural equality and {@link #equals} is identity.
 *
 * <p>A node is an {@link Op} with children, plus the constant value for {@link Op#CONST},
 * the symbol for {@link Op#SYM} and the integer exponent for {@link Op#POWI}. The hash code
 * is structural (independent of identities and creation order) and computed once.
 */
public final class Node {

    private static final Node[] NONE = new Node[0];

    private final Op op;
    private final Node[] children;
    private final double value;
    private final Symbol symbol;
    private final int hash;
    private final int height;
    private final int id;
    private final NodeFactory owner;

    Node(NodeFactory owner, int id, Op op, Node[] children, double value, Symbol symbol, int hash) {
        this.owner = owner;
        this.id = id;
        this.op = op;
        this.children = children.length == 0 ? NONE : children;
        this.value = value;
        this.symbol = symbol;
        this.hash = hash;
        int h = 0;
        for (Node c : this.children) {
            h = Math.max(h, c.height + 1);
        }
        this.height = h;
    }

    /** The operation. */
    public Op op() {
        return op;
    }

    /** Number of children. */
    public int arity() {
        return children.length;
    }

    /** Child {@code i}. */
    public Node child(int i) {
        return children[i];
    }

    /** The children as an unmodifiable list (a view, no copy). */
    public List<Node> children() {
        return Collections.unmodifiableList(Arrays.asList(children));
    }

    /** A fresh copy of the children array; the caller may modify it. */
    public Node[] childArray() {
        return children.clone();
    }

    /** The value of a {@link Op#CONST} node. */
    public double value() {
        if (op != Op.CONST) {
            throw new IllegalStateException(op + " node has no constant value");
        }
        return value;
    }

    /** The exponent k of a {@link Op#POWI} node uᵏ. */
    public int exponent() {
        if (op != Op.POWI) {
            throw new IllegalStateException(op + " node has no integer exponent");
        }
        return (int) value;
    }

    /** The symbol of a {@link Op#SYM} node. */
    public Symbol symbol() {
        if (op != Op.SYM) {
            throw new IllegalStateException(op + " node has no symbol");
        }
        return symbol;
    }

    /** True for constants. */
    public boolean isConstant() {
        return op == Op.CONST;
    }

    /** True for the constant {@code v} (compared with {@code ==}, so 0.0 matches −0.0). */
    public boolean isConstant(double v) {
        return op == Op.CONST && value == v;
    }

    /** True for symbols. */
    public boolean isSymbol() {
        return op == Op.SYM;
    }

    /** Length of the longest path to a leaf (leaves have height 0). */
    public int height() {
        return height;
    }

    /**
     * Serial number within the owning factory: dense from 0 in creation order, so children
     * always have smaller ids than their parents. Traversals key scratch tables on it.
     */
    public int id() {
        return id;
    }

    /** The factory that made this node. */
    public NodeFactory factory() {
        return owner;
    }

    /** Raw payload (constant value or exponent) for the factory's interning table. */
    double payload() {
        return value;
    }

    /** Symbol payload for the factory's interning table, possibly null. */
    Symbol symbolOrNull() {
        return symbol;
    }

    /** Structural equality of the shallow parts, children compared by identity. */
    boolean sameShape(Op op, Node[] kids, double payload, Symbol sym) {
        return this.op == op
                && Double.doubleToRawLongBits(value) == Double.doubleToRawLongBits(payload)
                && (symbol == null ? sym == null : symbol.equals(sym))
                && sameChildren(kids);
    }

    private boolean sameChildren(Node[] kids) {
        if (kids.length != children.length) {
            return false;
        }
        for (int i = 0; i < kids.length; i++) {
            if (kids[i] != children[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Identity: interning makes structurally equal nodes the same object. */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    /** A short, bounded description; use the printers for the full expression. */
    @Override
    public String toString() {
        return switch (op) {
            case CONST -> Double.toString(value);
            case SYM -> symbol.name();
            case POWI -> "#" + children[0].id + "^" + (int) value;
            default -> op.text() + Arrays.stream(children).map(c -> "#" + c.id).toList() + "#" + id;
        };
    }
}
