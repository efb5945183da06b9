package geo.compiler.emit;

import geo.compiler.ir.Dag;
import geo.compiler.ir.Node;
import geo.compiler.ir.Op;
import geo.compiler.schedule.Loops;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the {@link Loops} of a kernel: in every sum, maximal runs of at least
 * {@link Loops#MIN_LENGTH} operands that are products aₖ·bₖ of two vectors (the layer sums
 * Σⱼ Wᵢⱼ hⱼ and Σᵢ δᵢ Wᵢⱼ of a network and its gradient); and in every output, maximal runs of
 * consecutive elements c·vₖ with one factor c in common, each used by nothing else (the rows
 * δᵢ hᵀ of ∂ℓ/∂W). A side of a product is a vector when it is, along the run, either computed
 * values (a {@link Loops.Block}) or symbols read from one array argument at positions
 * first + stride·k (a {@link Loops.Strided}, stride ≥ 1). Constants are never vector elements.
 * Then it groups them by matrix: dots that begin sums, share one vector and read the other from
 * rows of one array in arithmetic progression ({@link Loops.DotGroup}); output runs with one vector
 * whose rows are in arithmetic progression and whose factors are computed values
 * ({@link Loops.OutputGroup}). Everything is found in DAG and output order, so the same kernel
 * always gives the same code.
 */
final class LoopFinder {

    private final KernelSpec spec;
    private final Map<List<Node>, Loops.Block> blocks = new HashMap<>();

    private LoopFinder(KernelSpec spec) {
        this.spec = spec;
    }

    /** The loops of {@code spec}'s outputs and returned value. */
    static Loops find(KernelSpec spec) {
        return new LoopFinder(spec).find();
    }

    private Loops find() {
        Node[] roots = spec.roots();
        if (roots.length == 0) {
            return Loops.NONE;
        }
        Dag dag = Dag.of(roots);
        Map<Node, List<Loops.Dot>> dots = new LinkedHashMap<>();
        for (int i = 0; i < dag.size(); i++) {
            Node n = dag.node(i);
            if (n.op() == Op.ADD && n.arity() >= Loops.MIN_LENGTH) {
                List<Loops.Dot> found = dots(n);
                if (!found.isEmpty()) {
                    dots.put(n, found);
                }
            }
        }
        int[] uses = dag.useCounts();
        List<Loops.OutputRun> outputs = new ArrayList<>();
        for (KernelSpec.Output o : spec.outputs()) {
            Node[] values = o.values();
            for (int k = 0; k < values.length; ) {
                int length = outputRun(values, k, dag, uses);
                if (length >= Loops.MIN_LENGTH) {
                    outputs.add(outputLoop(o, values, k, length));
                    k += length;
                } else {
                    k++;
                }
            }
        }
        if (dots.isEmpty() && outputs.isEmpty()) {
            return Loops.NONE;
        }
        List<Loops.OutputGroup> outputGroups = outputGroups(outputs);
        for (Loops.OutputGroup g : outputGroups) {
            outputs.removeAll(g.rows());
        }
        return new Loops(dots, outputs, outputGroups, dotGroups(dots));
    }

    /** Rows of a group are at least this many. */
    private static final int MIN_ROWS = 2;

    /** A dot that begins a sum, with one side taken as shared and the other strided. */
    private record Row(Node sum, Loops.Vector shared, Loops.Strided varying, boolean sharedLeft) {
    }

    /** The dot groups: see {@link Loops.DotGroup}. */
    private static List<Loops.DotGroup> dotGroups(Map<Node, List<Loops.Dot>> dots) {
        Map<List<Object>, List<Row>> byKey = new LinkedHashMap<>();
        for (Map.Entry<Node, List<Loops.Dot>> e : dots.entrySet()) {
            Loops.Dot d = e.getValue().get(0);
            if (d.start() != 0) {
                continue;
            }
            if (d.right() instanceof Loops.Strided s) {
                candidate(byKey, new Row(e.getKey(), d.left(), s, true), d.length());
            }
            if (d.left() instanceof Loops.Strided s) {
                candidate(byKey, new Row(e.getKey(), d.right(), s, false), d.length());
            }
        }
        List<List<Row>> keys = new ArrayList<>(byKey.values());
        keys.sort(Comparator.comparingInt(l -> -l.size()));
        Map<Node, Boolean> taken = new IdentityHashMap<>();
        List<Loops.DotGroup> out = new ArrayList<>();
        for (List<Row> rows : keys) {
            List<Row> free = new ArrayList<>();
            for (Row r : rows) {
                if (!taken.containsKey(r.sum())) {
                    free.add(r);
                }
            }
            free.sort(Comparator.comparingInt(r -> r.varying().first()));
            for (List<Row> run : progressions(free, r -> r.varying().first())) {
                List<Node> sums = new ArrayList<>();
                for (Row r : run) {
                    sums.add(r.sum());
                    taken.put(r.sum(), true);
                }
                Row first = run.get(0);
                out.add(new Loops.DotGroup(sums, dots.get(first.sum()).get(0).length(), first.shared(), first.varying(),
                        run.get(1).varying().first() - first.varying().first(), first.sharedLeft()));
            }
        }
        return out;
    }

    private static void candidate(Map<List<Object>, List<Row>> byKey, Row row, int length) {
        Loops.Strided v = row.varying();
        byKey.computeIfAbsent(List.of(row.sharedLeft(), row.shared(), length, v.arg(), v.offset(), v.stride()),
                k -> new ArrayList<>()).add(row);
    }

    /**
     * The maximal runs of at least {@link #MIN_ROWS} elements of {@code sorted} (sorted by
     * {@code first}) whose firsts are in arithmetic progression with a step of at least 1.
     */
    private static <T> List<List<T>> progressions(List<T> sorted, java.util.function.ToIntFunction<T> first) {
        List<List<T>> out = new ArrayList<>();
        int i = 0;
        while (i + 1 < sorted.size()) {
            int step = first.applyAsInt(sorted.get(i + 1)) - first.applyAsInt(sorted.get(i));
            if (step < 1) {
                i++;
                continue;
            }
            int j = i + 1;
            while (j + 1 < sorted.size() && first.applyAsInt(sorted.get(j + 1)) - first.applyAsInt(sorted.get(j)) == step) {
                j++;
            }
            if (j + 1 - i >= MIN_ROWS) {
                out.add(new ArrayList<>(sorted.subList(i, j + 1)));
            }
            i = j + 1;
        }
        return out;
    }

    /** The output groups: see {@link Loops.OutputGroup}; only runs whose factors are computed values. */
    private List<Loops.OutputGroup> outputGroups(List<Loops.OutputRun> runs) {
        Map<List<Object>, List<Loops.OutputRun>> byKey = new LinkedHashMap<>();
        for (Loops.OutputRun r : runs) {
            if (!r.factor().isSymbol()) {
                byKey.computeIfAbsent(List.of(r.vector(), r.arg(), r.offset(), r.members().size()),
                        k -> new ArrayList<>()).add(r);
            }
        }
        List<Loops.OutputGroup> out = new ArrayList<>();
        for (List<Loops.OutputRun> rows : byKey.values()) {
            rows.sort(Comparator.comparingInt(Loops.OutputRun::first));
            for (List<Loops.OutputRun> run : progressions(rows, Loops.OutputRun::first)) {
                Node[] factors = new Node[run.size()];
                for (int r = 0; r < factors.length; r++) {
                    factors[r] = run.get(r).factor();
                }
                out.add(new Loops.OutputGroup(run, vector(factors), run.get(1).first() - run.get(0).first()));
            }
        }
        return out;
    }

    /** The maximal runs of vector products among the operands of sum {@code n}, long enough to loop. */
    private List<Loops.Dot> dots(Node n) {
        List<Loops.Dot> out = new ArrayList<>();
        int i = 0;
        while (i < n.arity()) {
            int length = dotRun(n, i);
            if (length >= Loops.MIN_LENGTH) {
                Node[] left = new Node[length];
                Node[] right = new Node[length];
                for (int k = 0; k < length; k++) {
                    Node[] pair = pair(n.child(i + k));
                    left[k] = pair[0];
                    right[k] = pair[1];
                }
                out.add(new Loops.Dot(i, length, vector(left), vector(right)));
                i += length;
            } else {
                // A progression that broke at i + length may start a new one at its last element.
                i += Math.max(1, length - 1);
            }
        }
        return out;
    }

    /** How many operands of {@code n} from {@code start} on are products of two vectors (0 when none). */
    private int dotRun(Node n, int start) {
        Node[] first = pair(n.child(start));
        if (first == null) {
            return 0;
        }
        int length = 1;
        int[] strides = new int[2];
        while (start + length < n.arity()) {
            Node[] next = pair(n.child(start + length));
            if (next == null || !continues(first, next, length, strides)) {
                break;
            }
            length++;
        }
        return length;
    }

    /**
     * The two factors of a product that may be a loop's element, the symbol first (the product
     * is commutative, so the order changes no bit), or null.
     */
    private Node[] pair(Node p) {
        if (p.op() != Op.MUL || p.arity() != 2) {
            return null;
        }
        Node a = p.child(0);
        Node b = p.child(1);
        if (!elementKind(a) || !elementKind(b)) {
            return null;
        }
        return b.isSymbol() && !a.isSymbol() ? new Node[] {b, a} : new Node[] {a, b};
    }

    /** Whether {@code n} can be an element of a vector: a computed value or an array element. */
    private boolean elementKind(Node n) {
        if (n.isConstant()) {
            return false;
        }
        return !n.isSymbol() || source(n).element() >= 0;
    }

    private KernelSpec.Source source(Node symbol) {
        KernelSpec.Source s = spec.binding().apply(symbol.symbol());
        if (s == null) {
            throw new IllegalStateException("kernel " + spec.name() + " has no argument for " + symbol.symbol());
        }
        return s;
    }

    /**
     * Whether the pair {@code next}, element {@code k} of a run that starts with {@code first},
     * continues it: each side the same kind, symbols at first + stride·k of the same array.
     */
    private boolean continues(Node[] first, Node[] next, int k, int[] strides) {
        for (int side = 0; side < 2; side++) {
            if (first[side].isSymbol() != next[side].isSymbol()) {
                return false;
            }
            if (!first[side].isSymbol()) {
                continue;
            }
            KernelSpec.Source a = source(first[side]);
            KernelSpec.Source b = source(next[side]);
            if (a.arg() != b.arg() || a.offset() != b.offset()) {
                return false;
            }
            if (k == 1) {
                strides[side] = b.element() - a.element();
                if (strides[side] < 1) {
                    return false;
                }
            } else if (b.element() != a.element() + strides[side] * k) {
                return false;
            }
        }
        return true;
    }

    /** A vector of {@code nodes}: all symbols (checked to be strided) or all computed values. */
    private Loops.Vector vector(Node[] nodes) {
        if (!nodes[0].isSymbol()) {
            return blocks.computeIfAbsent(List.of(nodes), Loops.Block::new);
        }
        KernelSpec.Source a = source(nodes[0]);
        KernelSpec.Source b = source(nodes[1]);
        return new Loops.Strided(a.arg(), a.element(), b.element() - a.element(), a.offset());
    }

    /**
     * How many outputs from {@code start} on are products c·vₖ with one factor c in common (at the
     * same side), each used only by this output element, with vₖ a vector; 0 when none.
     */
    private int outputRun(Node[] values, int start, Dag dag, int[] uses) {
        if (start + 1 >= values.length || !single(values[start], dag, uses) || !single(values[start + 1], dag, uses)) {
            return 0;
        }
        int side = commonSide(values[start], values[start + 1]);
        if (side < 0) {
            return 0;
        }
        Node factor = values[start].child(side);
        Node first = values[start].child(1 - side);
        int length = 1;
        int[] strides = new int[2];
        while (start + length < values.length) {
            Node v = values[start + length];
            if (!single(v, dag, uses) || v.child(side) != factor) {
                break;
            }
            if (!extendsOne(first, v.child(1 - side), length, strides)) {
                break;
            }
            length++;
        }
        return length;
    }

    /** Whether {@code next} continues a one-sided run that starts with {@code first} (see {@link #continues}). */
    private boolean extendsOne(Node first, Node next, int k, int[] strides) {
        return continues(new Node[] {first, first}, new Node[] {next, next}, k, strides);
    }

    /** A product of two element kinds used once in the whole kernel (by this output element). */
    private boolean single(Node v, Dag dag, int[] uses) {
        return v.op() == Op.MUL && v.arity() == 2 && v != spec.returned() && uses[dag.indexOf(v)] == 1
                && elementKind(v.child(0)) && elementKind(v.child(1));
    }

    /** The side (0 or 1) whose factor two products share, or −1. */
    private static int commonSide(Node p, Node q) {
        if (p.child(0) == q.child(0) && p.child(1) != q.child(1)) {
            return 0;
        }
        if (p.child(1) == q.child(1) && p.child(0) != q.child(0)) {
            return 1;
        }
        return -1;
    }

    private Loops.OutputRun outputLoop(KernelSpec.Output o, Node[] values, int start, int length) {
        int side = commonSide(values[start], values[start + 1]);
        List<Node> members = new ArrayList<>(length);
        Node[] vector = new Node[length];
        for (int k = 0; k < length; k++) {
            members.add(values[start + k]);
            vector[k] = values[start + k].child(1 - side);
        }
        return new Loops.OutputRun(members, values[start].child(side), vector(vector), o.arg(), o.start() + start,
                o.offset());
    }
}
