package geo.compiler.emit;

import geo.compiler.ir.MathCall;
import geo.compiler.ir.Node;
import geo.compiler.ir.Op;
import geo.compiler.schedule.Loops;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plan of a batch fn value kernel ({@code valueBatch} of
 * {@code geo.runtime.api.BatchFunctionKernels}): the per-row {@code value} kernel's DAG, each value a
 * row ("slot") of n lanes, as a list of {@link Step}s that {@link FnBatchEmitter} turns into calls
 * of {@code geo.runtime.lanes.LaneLoops}. Inputs are slots 0 … width − 1, the outputs the m slots
 * after them; then the blocks of the kernel's {@link Loops} (computed vectors a loop reads, side by
 * side), the rows of its dot groups, and temporaries reused once their last reader has run. A dot
 * group (W·h) becomes one matrix–matrix step ({@code LaneLoops.dotSL}, an axpy over the lanes).
 * The loss's batch gradient ({@code LossBatchPlan}) is planned the same way; a fn's value needs
 * no θ-gradient and no outer products, so this plan has only the forward steps.
 *
 * <p>Per lane, every value is computed with the per-row kernel's operations in its order (sums
 * left to right from their first operand, each product of the same two factors), so a lane gets
 * the bits of {@code value}; the only difference is tanh ({@code LaneLoops.tanh}, within 10 ulp
 * of {@code Math.tanh}).
 */
final class FnBatchPlan {

    /** A value a step reads: a lane slot, an element of θ, or a constant. */
    sealed interface Operand permits Lane, Theta, Const {
    }

    record Lane(int slot) implements Operand {
    }

    record Theta(int index) implements Operand {
    }

    record Const(double value) implements Operand {
    }

    /** One call of generated code. */
    sealed interface Step permits Fill, Copy, Bin, Powi, Tanh, Call, DotSL, DotLL, DotSS {
    }

    record Fill(int d, Operand scalar) implements Step {
    }

    record Copy(int d, int a) implements Step {
    }

    /** d = a + b or a · b ({@code add}); b a lane or a scalar. */
    record Bin(boolean add, int d, int a, Operand b) implements Step {
    }

    record Powi(int d, int a, int k) implements Step {
    }

    record Tanh(int d, int a) implements Step {
    }

    /** d = call(args) lane by lane (any library function, args lanes or scalars). */
    record Call(MathCall call, int d, List<Operand> args) implements Step {
    }

    record DotSL(int d, int dRow, boolean init, int t0, int tRow, int ts, int s0, int sRow, int ss, int rows,
                 int len) implements Step {
    }

    record DotLL(int d, boolean init, int a0, int as, int c0, int cs, int len) implements Step {
    }

    record DotSS(int d, boolean init, int a0, int as, int c0, int cs, int len) implements Step {
    }

    /** A fn this plan cannot batch (its class keeps the per-row kernel only). */
    static final class Unsupported extends Exception {
        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    /** The most slots a batch kernel may use (its work is slots × lanes doubles). */
    static final int MAX_SLOTS = 20_000;

    final List<Step> steps = new ArrayList<>();
    final int width;
    final int outputSlot;
    int slots;

    private final KernelSpec spec;
    private final Loops loops;
    private final int inArg;
    private final int thetaArg;
    private final Map<Node, Integer> home = new IdentityHashMap<>();
    private final Map<Node, Integer> remaining = new IdentityHashMap<>();
    private final Map<Loops.Block, Integer> blockBase = new IdentityHashMap<>();
    private final Map<Node, List<Loops.Block>> blocksOf = new IdentityHashMap<>();
    private final Map<Loops.DotGroup, Integer> groupBase = new IdentityHashMap<>();
    private final ArrayDeque<Integer> free = new ArrayDeque<>();

    private FnBatchPlan(KernelSpec spec, Loops loops, int inArg, int thetaArg, int width, int outputs) {
        this.spec = spec;
        this.loops = loops;
        this.inArg = inArg;
        this.thetaArg = thetaArg;
        this.width = width;
        this.outputSlot = width;
        this.slots = width + outputs;
    }

    /** The plan of {@code spec}, a fn's {@code value} kernel (args in, θ, out). */
    static FnBatchPlan of(KernelSpec spec) throws Unsupported {
        int inArg = index(spec, "in");
        int thetaArg = index(spec, "theta");
        int outArg = index(spec, "out");
        if (spec.outputs().size() != 1 || spec.returned() != null) {
            throw new Unsupported("not a fn value");
        }
        KernelSpec.Output o = spec.outputs().get(0);
        if (o.arg() != outArg || o.offset() >= 0 || o.start() != 0) {
            throw new Unsupported("an output at an offset");
        }
        Node[] out = o.values();
        Loops loops = LoopFinder.find(spec);
        for (Node v : out) {
            if (loops.outputLoop(v) != null) {
                throw new Unsupported("an output loop");
            }
        }
        FnBatchPlan p = new FnBatchPlan(spec, loops, inArg, thetaArg, width(spec, inArg, out), out.length);
        p.build(out);
        if (p.slots > MAX_SLOTS) {
            throw new Unsupported(p.slots + " slots");
        }
        return p;
    }

    /** One past the highest input element the outputs read (the inputs' slots). */
    private static int width(KernelSpec spec, int inArg, Node[] out) {
        int w = 0;
        Set<Node> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Node> stack = new ArrayDeque<>(List.of(out));
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            if (!seen.add(n)) {
                continue;
            }
            if (n.isSymbol()) {
                KernelSpec.Source s = spec.binding().apply(n.symbol());
                if (s != null && s.arg() == inArg && s.element() >= 0) {
                    w = Math.max(w, s.element() + 1);
                }
            }
            for (Node c : n.children()) {
                stack.push(c);
            }
        }
        return w;
    }

    private static int index(KernelSpec spec, String name) throws Unsupported {
        for (int i = 0; i < spec.args().size(); i++) {
            if (spec.args().get(i).name().equals(name)) {
                return i;
            }
        }
        throw new Unsupported("no argument " + name);
    }

    private void build(Node[] out) throws Unsupported {
        Map<Node, List<Integer>> outputsOf = new IdentityHashMap<>();
        List<Node> roots = new ArrayList<>();
        for (int j = 0; j < out.length; j++) {
            Node v = out[j];
            if (v.isConstant() || v.isSymbol()) {
                Operand o = operand(v);
                steps.add(o instanceof Lane l ? new Copy(outputSlot + j, l.slot()) : new Fill(outputSlot + j, o));
            } else {
                outputsOf.computeIfAbsent(v, x -> new ArrayList<>()).add(j);
                roots.add(v);
            }
        }
        List<Node> order = order(roots);
        // Which sum each dot group is computed before: its first sum in the order.
        Map<Node, Loops.DotGroup> groupFirst = new IdentityHashMap<>();
        Set<Loops.DotGroup> placed = new HashSet<>();
        for (Node n : order) {
            Loops.DotGroup dg = loops.dotGroup(n);
            if (dg != null && placed.add(dg)) {
                groupFirst.put(n, dg);
            }
        }
        for (Node n : order) {
            Loops.DotGroup dg = groupFirst.get(n);
            if (dg != null) {
                group(dg);
            }
            int d = place(n);
            compute(n, d);
            for (Loops.Block b : blocksOf.getOrDefault(n, List.of())) {
                int at = blockBase.get(b) + b.values().indexOf(n);
                if (at != d) {
                    steps.add(new Copy(at, d));
                }
            }
            // An output is copied out at once: its slot may be reused after its last reader.
            for (int j : outputsOf.getOrDefault(n, List.of())) {
                steps.add(new Copy(outputSlot + j, d));
            }
            release(n);
        }
    }

    /** The nodes to compute, children first (iterative: DAGs may be deep). */
    private List<Node> order(List<Node> roots) {
        List<Node> order = new ArrayList<>();
        Set<Node> done = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        for (Node r : roots) {
            if (done.contains(r)) {
                continue;
            }
            stack.push(new Object[] {r, deps(r), 0});
            done.add(r);
            while (!stack.isEmpty()) {
                Object[] top = stack.peek();
                @SuppressWarnings("unchecked")
                List<Node> ds = (List<Node>) top[1];
                int i = (Integer) top[2];
                if (i < ds.size()) {
                    top[2] = i + 1;
                    Node c = ds.get(i);
                    remaining.merge(c, 1, Integer::sum);
                    if (done.add(c)) {
                        stack.push(new Object[] {c, deps(c), 0});
                    }
                } else {
                    stack.pop();
                    order.add((Node) top[0]);
                }
            }
        }
        return order;
    }

    /** The computed nodes {@code n} reads: its children, but a dot's vectors instead of its products. */
    private List<Node> deps(Node n) {
        Set<Node> out = new LinkedHashSet<>();
        List<Loops.Dot> dots = loops.dots(n);
        int next = 0;
        for (Loops.Dot dot : dots) {
            for (int i = next; i < dot.start(); i++) {
                out.add(n.child(i));
            }
            blockMembers(dot.left(), out);
            blockMembers(dot.right(), out);
            next = dot.start() + dot.length();
        }
        for (int i = next; i < n.arity(); i++) {
            out.add(n.child(i));
        }
        out.removeIf(c -> c.isConstant() || c.isSymbol());
        return new ArrayList<>(out);
    }

    private void blockMembers(Loops.Vector v, Set<Node> out) {
        if (v instanceof Loops.Block b) {
            out.addAll(b.values());
            for (Node m : b.values()) {
                List<Loops.Block> bs = blocksOf.computeIfAbsent(m, x -> new ArrayList<>());
                if (!bs.contains(b)) {
                    bs.add(b);
                }
            }
        }
    }

    /** The slot of {@code n}: its place in its first block, else a free slot. */
    private int place(Node n) {
        List<Loops.Block> bs = blocksOf.get(n);
        if (bs != null && !bs.isEmpty()) {
            for (Loops.Block b : bs) {
                blockBase.computeIfAbsent(b, x -> allocate(x.values().size()));
            }
            int at = blockBase.get(bs.get(0)) + bs.get(0).values().indexOf(n);
            home.put(n, at);
            return at;
        }
        int d = free.isEmpty() ? allocate(1) : free.pop();
        home.put(n, d);
        return d;
    }

    private int allocate(int count) {
        int at = slots;
        slots += count;
        return at;
    }

    /** Frees the slots of the children whose last reader {@code n} was, and n's when nothing reads it. */
    private void release(Node n) {
        for (Node c : deps(n)) {
            int left = remaining.merge(c, -1, Integer::sum);
            if (left == 0 && !blocksOf.containsKey(c)) {
                free.push(home.get(c));
            }
        }
        if (remaining.getOrDefault(n, 0) == 0 && !blocksOf.containsKey(n)) {
            free.push(home.get(n));
        }
    }

    private Operand operand(Node c) throws Unsupported {
        if (c.isConstant()) {
            return new Const(c.value());
        }
        if (c.isSymbol()) {
            KernelSpec.Source s = spec.binding().apply(c.symbol());
            if (s == null || s.offset() >= 0 || s.element() < 0) {
                throw new Unsupported("symbol " + c.symbol());
            }
            if (s.arg() == inArg) {
                return new Lane(s.element());
            }
            if (s.arg() == thetaArg) {
                return new Theta(s.element());
            }
            throw new Unsupported("symbol " + c.symbol());
        }
        return new Lane(home.get(c));
    }

    private void compute(Node n, int d) throws Unsupported {
        switch (n.op()) {
            case ADD, MUL -> nary(n, d);
            case POWI -> steps.add(new Powi(d, lane(operand(n.child(0)), d), n.exponent()));
            case TANH -> steps.add(new Tanh(d, lane(operand(n.child(0)), d)));
            default -> {
                MathCall call = n.op().call();
                if (call == null) {
                    throw new Unsupported("op " + n.op());
                }
                List<Operand> args = new ArrayList<>();
                for (Node c : n.children()) {
                    args.add(operand(c));
                }
                steps.add(new Call(call, d, args));
            }
        }
    }

    /** The slot of a lane operand; a scalar first filled into {@code d}. */
    private int lane(Operand a, int d) {
        if (a instanceof Lane l) {
            return l.slot();
        }
        steps.add(new Fill(d, a));
        return d;
    }

    /** A sum or product left to right; a sum's dots as loops, its grouped first dot from its group's row. */
    private void nary(Node n, int d) throws Unsupported {
        boolean add = n.op() == Op.ADD;
        List<Loops.Dot> dots = loops.dots(n);
        Loops.DotGroup dg = loops.dotGroup(n);
        boolean started = false;
        int i = 0;
        int di = 0;
        if (dg != null) {
            steps.add(new Copy(d, groupBase.get(dg) + loops.rowOf(n)));
            started = true;
            i = dots.get(0).length();
            di = 1;
        }
        while (i < n.arity()) {
            if (di < dots.size() && dots.get(di).start() == i) {
                dot(dots.get(di), d, !started);
                started = true;
                i += dots.get(di).length();
                di++;
                continue;
            }
            Operand o = operand(n.child(i));
            if (!started) {
                boolean pair = i + 1 < n.arity() && !(di < dots.size() && dots.get(di).start() == i + 1);
                if (pair) {
                    Operand o2 = operand(n.child(i + 1));
                    if (o instanceof Lane l) {
                        steps.add(new Bin(add, d, l.slot(), o2));
                    } else if (o2 instanceof Lane l2) {
                        steps.add(new Bin(add, d, l2.slot(), o));   // a + b = b + a, a·b = b·a: the same bits
                    } else {
                        steps.add(new Fill(d, o));
                        steps.add(new Bin(add, d, d, o2));
                    }
                    i += 2;
                } else {
                    steps.add(o instanceof Lane l ? new Copy(d, l.slot()) : new Fill(d, o));
                    i++;
                }
                started = true;
            } else {
                steps.add(new Bin(add, d, d, o));
                i++;
            }
        }
    }

    /** A vector's lanes (base slot, stride), or null for θ. */
    private int[] lanes(Loops.Vector v) throws Unsupported {
        if (v instanceof Loops.Block b) {
            return new int[] {blockBase.get(b), 1};
        }
        Loops.Strided s = (Loops.Strided) v;
        if (s.offset() >= 0) {
            throw new Unsupported("a strided vector at an offset");
        }
        if (s.arg() == inArg) {
            return new int[] {s.first(), s.stride()};
        }
        if (s.arg() == thetaArg) {
            return null;
        }
        throw new Unsupported("a vector of argument " + s.arg());
    }

    private void dot(Loops.Dot dot, int d, boolean init) throws Unsupported {
        int[] l = lanes(dot.left());
        int[] r = lanes(dot.right());
        int len = dot.length();
        if (l != null && r != null) {
            steps.add(new DotLL(d, init, l[0], l[1], r[0], r[1], len));
        } else if (l == null && r == null) {
            Loops.Strided a = (Loops.Strided) dot.left();
            Loops.Strided c = (Loops.Strided) dot.right();
            steps.add(new DotSS(d, init, a.first(), a.stride(), c.first(), c.stride(), len));
        } else {
            Loops.Strided t = (Loops.Strided) (l == null ? dot.left() : dot.right());
            int[] s = l == null ? r : l;
            steps.add(new DotSL(d, 0, init, t.first(), 0, t.stride(), s[0], 0, s[1], 1, len));
        }
    }

    /** A dot group's rows into a region of slots, as one matrix–matrix step where one side is θ. */
    private void group(Loops.DotGroup g) throws Unsupported {
        int rows = g.sums().size();
        int base = allocate(rows);
        groupBase.put(g, base);
        int[] shared = lanes(g.shared());
        int[] varying = lanes(g.varying());
        Loops.Strided v = g.varying();
        int len = g.length();
        if (shared != null && varying == null) {
            steps.add(new DotSL(base, 1, true, v.first(), g.rowStride(), v.stride(), shared[0], 0, shared[1], rows,
                    len));
        } else if (shared == null && varying != null) {
            Loops.Strided s = (Loops.Strided) g.shared();
            steps.add(new DotSL(base, 1, true, s.first(), 0, s.stride(), varying[0], g.rowStride(), varying[1], rows,
                    len));
        } else {
            for (int r = 0; r < rows; r++) {
                if (shared != null) {
                    steps.add(new DotLL(base + r, true, shared[0], shared[1], varying[0] + g.rowStride() * r,
                            varying[1], len));
                } else {
                    Loops.Strided s = (Loops.Strided) g.shared();
                    steps.add(new DotSS(base + r, true, s.first(), s.stride(), v.first() + g.rowStride() * r,
                            v.stride(), len));
                }
            }
        }
    }
}
