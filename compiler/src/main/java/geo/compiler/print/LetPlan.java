package geo.compiler.print;

import geo.compiler.ir.Dag;
import geo.compiler.ir.Node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which nodes of a DAG are printed as named intermediates ({@code let t1 = …}) rather
 * than inline, from use counts and sizes:
 * <ul>
 *   <li>a node used more than once (by parents or as an output) whose inline tree has at least
 *       {@value #SHARE_MIN} nodes becomes a let, so sharing never multiplies the output;</li>
 *   <li>if a node's inline tree would exceed {@value #MAX_INLINE} nodes, its largest inline
 *       children become lets until it fits, so no line gets unreadably long and the printer's
 *       recursion depth stays bounded by {@value #MAX_INLINE}.</li>
 * </ul>
 * Leaves are never lets. Computed in one pass over the topological order.
 */
final class LetPlan {

    /** Smallest inline tree (in nodes) worth naming when shared. */
    static final int SHARE_MIN = 4;
    /** Largest inline tree (in nodes) printed on one line. */
    static final int MAX_INLINE = 48;
    /** Largest tree {@code inline} printing accepts. */
    static final long MAX_TREE = 2000;
    /** Deepest nesting {@code inline} printing accepts (the writer recurses once per level). */
    static final int MAX_DEPTH = 256;

    final Dag dag;
    private final boolean[] let;
    private final int[] number;
    final int letCount;

    private LetPlan(Dag dag, boolean[] let) {
        this.dag = dag;
        this.let = let;
        number = new int[let.length];
        int k = 0;
        for (int i = 0; i < let.length; i++) {
            if (let[i]) {
                number[i] = ++k;
            }
        }
        letCount = k;
    }

    /** The plan for printing {@code roots} with lets where needed. */
    static LetPlan withLets(Node[] roots) {
        Dag dag = Dag.of(roots);
        int n = dag.size();
        int[] uses = dag.useCounts();
        int[] size = new int[n];
        boolean[] let = new boolean[n];
        for (int i = 0; i < n; i++) {
            Node node = dag.node(i);
            if (node.op().isLeaf()) {
                size[i] = 1;
                continue;
            }
            int s = 1;
            for (int j = 0; j < node.arity(); j++) {
                int c = dag.indexOf(node.child(j));
                s += let[c] ? 1 : size[c];
            }
            if (s > MAX_INLINE) {
                s = split(dag, node, size, let, s);
            }
            size[i] = s;
            let[i] = uses[i] >= 2 && s >= SHARE_MIN;
        }
        return new LetPlan(dag, let);
    }

    /** Turns the largest inline children of {@code node} into lets until it fits; returns its new size. */
    private static int split(Dag dag, Node node, int[] size, boolean[] let, int s) {
        Map<Integer, Integer> times = new LinkedHashMap<>();
        for (int j = 0; j < node.arity(); j++) {
            int c = dag.indexOf(node.child(j));
            if (!let[c] && !node.child(j).op().isLeaf()) {
                times.merge(c, 1, Integer::sum);
            }
        }
        List<Integer> kids = new ArrayList<>(times.keySet());
        kids.sort((a, b) -> Integer.compare(size[b], size[a]));
        for (int c : kids) {
            if (s <= MAX_INLINE) {
                break;
            }
            let[c] = true;
            s -= (size[c] - 1) * times.get(c);
        }
        return s;
    }

    /**
     * The plan for printing {@code roots} as plain trees.
     *
     * @throws IllegalArgumentException if the expanded tree exceeds {@value #MAX_TREE} nodes or
     *                                  {@value #MAX_DEPTH} levels
     */
    static LetPlan inline(Node[] roots) {
        Dag dag = Dag.of(roots);
        long[] tree = new long[dag.size()];
        long total = 0;
        for (int i = 0; i < dag.size(); i++) {
            Node node = dag.node(i);
            long s = 1;
            for (int j = 0; j < node.arity(); j++) {
                s = Math.min(Long.MAX_VALUE / 4, s + tree[dag.indexOf(node.child(j))]);
            }
            tree[i] = s;
        }
        for (Node r : roots) {
            total = Math.min(Long.MAX_VALUE / 4, total + tree[dag.indexOf(r)]);
        }
        int depth = 0;
        for (Node r : roots) {
            depth = Math.max(depth, r.height());
        }
        if (total > MAX_TREE || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("expression expands to more than " + MAX_TREE
                    + " nodes or " + MAX_DEPTH + " levels as a tree; print it with lets");
        }
        return new LetPlan(dag, new boolean[dag.size()]);
    }

    /** Whether {@code n} is printed as a let. */
    boolean isLet(Node n) {
        int i = dag.indexOf(n);
        return i >= 0 && let[i];
    }

    /** The 1-based let number of {@code n} (0 if it is not a let). */
    int number(Node n) {
        int i = dag.indexOf(n);
        return i < 0 ? 0 : number[i];
    }
}
