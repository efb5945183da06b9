package geo.compiler.emit;

import geo.compiler.emit.LossBatchSteps.Bin;
import geo.compiler.emit.LossBatchSteps.Call;
import geo.compiler.emit.LossBatchSteps.Const;
import geo.compiler.emit.LossBatchSteps.Copy;
import geo.compiler.emit.LossBatchSteps.DotLL;
import geo.compiler.emit.LossBatchSteps.DotSL;
import geo.compiler.emit.LossBatchSteps.DotSS;
import geo.compiler.emit.LossBatchSteps.Fill;
import geo.compiler.emit.LossBatchSteps.Lane;
import geo.compiler.emit.LossBatchSteps.Operand;
import geo.compiler.emit.LossBatchSteps.Powi;
import geo.compiler.emit.LossBatchSteps.Step;
import geo.compiler.emit.LossBatchSteps.Tanh;
import geo.compiler.emit.LossBatchSteps.Theta;
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
 * The forward planning a batch kernel's plan shares ({@link LossBatchPlan} for
 * {@code lossGradientBatch}, {@link FnBatchPlan} for {@code valueBatch}): a per-row kernel's DAG,
 * each value a row ("slot") of n lanes, as {@link LossBatchSteps} steps. The subclass reserves its
 * first slots (inputs 0 … width − 1, then its outputs); this class adds the blocks of the kernel's
 * {@link Loops} (computed vectors a loop reads, side by side), the rows of its dot groups, and
 * temporaries reused once their last reader has run. A dot group (W·h, Wᵀδ) becomes one
 * matrix–matrix step ({@code LaneLoops.dotSL}, an axpy over the lanes), a dot one dot step.
 *
 * <p>Per lane, every value is computed with the per-row kernel's operations in its order (sums
 * left to right from their first operand, each product of the same two factors), so a lane gets
 * the per-row kernel's bits, tanh included ({@code LaneLoops.tanh}: the loops of
 * {@code geo.runtime.api.Tanh}, which the per-row kernel calls).
 */
abstract class LanePlan {

    /** A kernel this plan cannot batch (the caller keeps the per-row path). */
    static final class Unsupported extends Exception {
        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    /** The most slots a batch kernel may use (its work is slots × lanes doubles per worker). */
    static final int MAX_SLOTS = 20_000;

    final List<Step> steps = new ArrayList<>();
    int slots;

    final KernelSpec spec;
    final Loops loops;
    final Map<Node, Integer> home = new IdentityHashMap<>();
    final Map<Node, Integer> remaining = new IdentityHashMap<>();
    final Map<Node, List<Loops.Block>> blocksOf = new IdentityHashMap<>();
    final Map<Loops.DotGroup, Integer> groupBase = new IdentityHashMap<>();
    final ArrayDeque<Integer> free = new ArrayDeque<>();
    private final int inArg;
    private final int thetaArg;
    private final Map<Loops.Block, Integer> blockBase = new IdentityHashMap<>();
    /**
     * Whether a sum whose first dot is its group's row reads the row in place (the next step reads
     * it, no copy first); else the row is copied into the sum's slot first. The same values either
     * way.
     */
    private final boolean rowsInPlace;
    LanePlan(KernelSpec spec, Loops loops, int inArg, int thetaArg, int firstFree, boolean rowsInPlace) {
        this.spec = spec;
        this.loops = loops;
        this.inArg = inArg;
        this.thetaArg = thetaArg;
        this.slots = firstFree;
        this.rowsInPlace = rowsInPlace;
    }

    /** The indices of {@code spec}'s arguments {@code names}, in their order. */
    static int[] indices(KernelSpec spec, String... names) throws Unsupported {
        int[] at = new int[names.length];
        for (int k = 0; k < names.length; k++) {
            at[k] = -1;
            for (int i = 0; i < spec.args().size() && at[k] < 0; i++) {
                if (spec.args().get(i).name().equals(names[k])) {
                    at[k] = i;
                }
            }
            if (at[k] < 0) {
                throw new Unsupported("no argument " + names[k]);
            }
        }
        return at;
    }

    /** Throws when the plan needs more than {@link #MAX_SLOTS} slots. */
    final void checkSlots() throws Unsupported {
        if (slots > MAX_SLOTS) {
            throw new Unsupported(slots + " slots");
        }
    }

    /**
     * True while the slot of {@code n} must be kept although no step reads it any more (it is in a
     * block); a subclass adds its own reasons.
     */
    boolean kept(Node n) {
        return blocksOf.containsKey(n);
    }

    /** Which sum each dot group is computed before: its first sum in {@code order}. */
    final Map<Node, Loops.DotGroup> groupFirsts(List<Node> order) {
        Map<Node, Loops.DotGroup> groupFirst = new IdentityHashMap<>();
        Set<Loops.DotGroup> placed = new HashSet<>();
        for (Node n : order) {
            Loops.DotGroup dg = loops.dotGroup(n);
            if (dg != null && placed.add(dg)) {
                groupFirst.put(n, dg);
            }
        }
        return groupFirst;
    }

    /** Copies {@code n}, computed into slot {@code d}, to its places in its other blocks. */
    final void copyToBlocks(Node n, int d) {
        for (Loops.Block b : blocksOf.getOrDefault(n, List.of())) {
            int at = blockBase.get(b) + b.values().indexOf(n);
            if (at != d) {
                steps.add(new Copy(at, d));
            }
        }
    }

    /** The nodes to compute, children first (iterative: DAGs may be deep). */
    final List<Node> order(List<Node> roots) {
        List<Node> order = new ArrayList<>();
        Set<Node> done = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        for (Node r : roots) {
            if (r.isConstant() || r.isSymbol() || done.contains(r)) {
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

    /** Adds the members of {@code v} when it is a block to {@code out}, and records their block. */
    final void blockMembers(Loops.Vector v, Set<Node> out) {
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
    final int place(Node n) {
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

    final int allocate(int count) {
        int at = slots;
        slots += count;
        return at;
    }

    /** Frees the slots of the children whose last reader {@code n} was, and n's when nothing reads it. */
    final void release(Node n) {
        for (Node c : deps(n)) {
            int left = remaining.merge(c, -1, Integer::sum);
            if (left == 0 && !kept(c)) {
                free.push(home.get(c));
            }
        }
        if (remaining.getOrDefault(n, 0) == 0 && !kept(n)) {
            free.push(home.get(n));
        }
    }

    final Operand operand(Node c) throws Unsupported {
        if (c.isConstant()) {
            return new Const(c.value());
        }
        if (c.isSymbol()) {
            KernelSpec.Source s = spec.binding().apply(c.symbol());
            if (s == null || s.offset() >= 0 || s.element() < 0) {
                throw new Unsupported("symbol " + c.symbol());
            }
            int lane = inputSlot(s);
            if (lane >= 0) {
                return new Lane(lane);
            }
            if (s.arg() == thetaArg) {
                return new Theta(s.element());
            }
            throw new Unsupported("symbol " + c.symbol());
        }
        return new Lane(home.get(c));
    }

    /**
     * The lane slot of a per-point input element bound to {@code s}, or −1 when {@code s} is not a
     * per-point input: by default element i of the input argument is slot i.
     */
    int inputSlot(KernelSpec.Source s) {
        return s.arg() == inArg ? s.element() : -1;
    }

    /**
     * Plans the kernel's outputs {@code out} into the slots {@code outputSlot + j}: their nodes
     * children first, each dot group before its first sum, each output copied out at once (its
     * slot may be reused after its last reader), temporaries released after their last reader.
     */
    final void buildOutputs(Node[] out, int outputSlot) throws Unsupported {
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
        Map<Node, Loops.DotGroup> groupFirst = groupFirsts(order);
        for (Node n : order) {
            Loops.DotGroup dg = groupFirst.get(n);
            if (dg != null) {
                group(dg);
            }
            int d = place(n);
            compute(n, d);
            copyToBlocks(n, d);
            for (int j : outputsOf.getOrDefault(n, List.of())) {
                steps.add(new Copy(outputSlot + j, d));
            }
            release(n);
        }
    }

    /** The steps computing {@code n} into slot {@code d}. */
    final void compute(Node n, int d) throws Unsupported {
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

    /**
     * A sum or product left to right; a sum's dots as loops, its grouped first dot from its group's
     * row (with {@code rowsInPlace} read in place by the next step, not copied first, unless a dot
     * or nothing follows).
     */
    private void nary(Node n, int d) throws Unsupported {
        boolean add = n.op() == Op.ADD;
        List<Loops.Dot> dots = loops.dots(n);
        Loops.DotGroup dg = loops.dotGroup(n);
        boolean started = false;
        int i = 0;
        int di = 0;
        // The slot holding the running value when it is not d yet (a dot group's row).
        int running = -1;
        if (dg != null) {
            int row = groupBase.get(dg) + loops.rowOf(n);
            if (rowsInPlace) {
                running = row;
            } else {
                steps.add(new Copy(d, row));
            }
            started = true;
            i = dots.get(0).length();
            di = 1;
        }
        while (i < n.arity()) {
            if (di < dots.size() && dots.get(di).start() == i) {
                if (running >= 0) {
                    steps.add(new Copy(d, running));
                    running = -1;
                }
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
                steps.add(new Bin(add, d, running >= 0 ? running : d, o));
                running = -1;
                i++;
            }
        }
        if (running >= 0) {
            steps.add(new Copy(d, running));
        }
    }

    /** A vector's lanes (base slot, stride), or null for θ. */
    final int[] lanes(Loops.Vector v) throws Unsupported {
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
    final void group(Loops.DotGroup g) throws Unsupported {
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
