package geo.compiler.ir;

import java.util.Comparator;

/**
 * The canonical total order of nodes, used to sort the operands of commutative operations.
 *
 * <p>Constants come first (by value), then symbols (by {@link Symbol#compareTo}), then compound
 * nodes by height, operation, arity, exponent and finally children, lexicographically. The order
 * is structural, so it does not depend on creation order or on the factory, and it makes sums
 * read naturally: {@code 1 + x + 2*y + sin(x)}. Comparison is a loop, not a recursion: two
 * interned nodes with the same head differ in a first child pair, and the answer is the answer
 * for that pair, so the comparison only ever descends one path.
 */
public final class NodeOrder implements Comparator<Node> {

    /** The single instance. */
    public static final NodeOrder INSTANCE = new NodeOrder();

    private NodeOrder() {
    }

    @Override
    public int compare(Node a, Node b) {
        while (a != b) {
            int c = Integer.compare(category(a), category(b));
            if (c != 0) {
                return c;
            }
            if (a.op() == Op.CONST) {
                return Double.compare(a.value(), b.value());
            }
            if (a.op() == Op.SYM) {
                return a.symbol().compareTo(b.symbol());
            }
            c = Integer.compare(a.height(), b.height());
            if (c == 0) {
                c = a.op().compareTo(b.op());
            }
            if (c == 0) {
                c = Integer.compare(a.arity(), b.arity());
            }
            if (c == 0 && a.op() == Op.POWI) {
                c = Integer.compare(a.exponent(), b.exponent());
            }
            if (c != 0) {
                return c;
            }
            int i = 0;
            while (i < a.arity() && a.child(i) == b.child(i)) {
                i++;
            }
            if (i == a.arity()) {
                // Only nodes of different factories can get here (one factory would have made
                // them the same object), and they are structurally equal.
                return 0;
            }
            a = a.child(i);
            b = b.child(i);
        }
        return 0;
    }

    private static int category(Node n) {
        return switch (n.op()) {
            case CONST -> 0;
            case SYM -> 1;
            default -> 2;
        };
    }
}
