package geo.compiler.ir;

import java.util.Arrays;
import java.util.function.BiFunction;

/**
 * The nodes reachable from some roots in topological order (every child before its parents),
 * with each node's position. Built by an iterative depth-first search, so arbitrarily deep DAGs
 * are fine; every later traversal (AD, interpreter, printers, passes) walks this order instead
 * of recursing.
 */
public final class Dag {

    private final Node[] roots;
    private final Node[] order;
    private final NodeIndex index;

    private Dag(Node[] roots, Node[] order, NodeIndex index) {
        this.roots = roots;
        this.order = order;
        this.index = index;
    }

    /** The DAG below {@code roots} (duplicates allowed); the array is copied. */
    public static Dag of(Node... roots) {
        int maxId = -1;
        for (Node root : roots) {
            maxId = Math.max(maxId, root.id());
        }
        NodeIndex index = new NodeIndex(64, maxId);
        Node[] order = new Node[64];
        int count = 0;
        Node[] stack = new Node[64];
        int[] next = new int[64];
        for (Node root : roots) {
            if (index.get(root) >= 0) {
                continue;
            }
            int sp = 0;
            stack[0] = root;
            next[0] = 0;
            while (sp >= 0) {
                Node n = stack[sp];
                if (next[sp] < n.arity()) {
                    Node c = n.child(next[sp]++);
                    if (index.get(c) < 0) {
                        if (++sp == stack.length) {
                            stack = Arrays.copyOf(stack, sp * 2);
                            next = Arrays.copyOf(next, sp * 2);
                        }
                        stack[sp] = c;
                        next[sp] = 0;
                    }
                } else {
                    // Children are indexed before they are pushed again, and a DAG has no cycles,
                    // so each node is finished exactly once.
                    if (count == order.length) {
                        order = Arrays.copyOf(order, count * 2);
                    }
                    index.put(n, count);
                    order[count++] = n;
                    sp--;
                }
            }
        }
        return new Dag(roots.clone(), Arrays.copyOf(order, count), index);
    }

    /** Number of distinct nodes reachable from {@code roots}. */
    public static int count(Node... roots) {
        return of(roots).size();
    }

    /** Number of nodes. */
    public int size() {
        return order.length;
    }

    /** The node at topological position {@code i}. */
    public Node node(int i) {
        return order[i];
    }

    /** Position of {@code n}, or −1 if it is not in this DAG. */
    public int indexOf(Node n) {
        return index.get(n);
    }

    /** The roots this DAG was built from (a copy). */
    public Node[] roots() {
        return roots.clone();
    }

    /** Root {@code i}. */
    public Node root(int i) {
        return roots[i];
    }

    /** Number of roots. */
    public int rootCount() {
        return roots.length;
    }

    /**
     * For each node, the number of parent edges inside this DAG plus the number of times it is a
     * root. A fresh array indexed by position.
     */
    public int[] useCounts() {
        int[] uses = new int[order.length];
        for (Node n : order) {
            for (int j = 0; j < n.arity(); j++) {
                uses[index.get(n.child(j))]++;
            }
        }
        for (Node r : roots) {
            uses[index.get(r)]++;
        }
        return uses;
    }

    /**
     * Rebuilds the DAG bottom-up: {@code rule} receives each original node and its already
     * rebuilt children (a fresh array it may keep) and returns the replacement. Returns the
     * replaced roots; nothing is modified. Typical rule: {@code f::rebuild} plus a local rewrite.
     */
    public Node[] rebuild(BiFunction<Node, Node[], Node> rule) {
        Node[] done = new Node[order.length];
        for (int i = 0; i < order.length; i++) {
            Node n = order[i];
            Node[] kids = new Node[n.arity()];
            for (int j = 0; j < kids.length; j++) {
                kids[j] = done[index.get(n.child(j))];
            }
            done[i] = rule.apply(n, kids);
        }
        Node[] out = new Node[roots.length];
        for (int r = 0; r < roots.length; r++) {
            out[r] = done[index.get(roots[r])];
        }
        return out;
    }
}
