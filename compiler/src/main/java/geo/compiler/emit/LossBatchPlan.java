package geo.compiler.emit;

import geo.compiler.emit.LossBatchSteps.AddTimes;
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
import geo.compiler.emit.LossBatchSteps.OuterTo;
import geo.compiler.emit.LossBatchSteps.Powi;
import geo.compiler.emit.LossBatchSteps.Step;
import geo.compiler.emit.LossBatchSteps.SumTo;
import geo.compiler.emit.LossBatchSteps.SumsTo;
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
 * The plan of a batch loss-gradient kernel ({@code lossGradientBatch} of
 * {@code geo.runtime.api.BatchLossKernels}): the per-row {@code lossGradient} kernel's DAG, each
 * value a row ("slot") of n lanes, as a list of {@link Step}s that {@link LossBatchEmitter} turns into
 * calls of {@code geo.runtime.lanes.LaneLoops}. Inputs are slots 0 … width − 1, the lanes' losses
 * slot width; then the blocks of the kernel's {@link Loops} (computed vectors a loop reads, side by
 * side), the rows of its dot groups, and temporaries reused once their last reader has run. A dot
 * group (W·h, Wᵀδ) becomes one matrix–matrix step; an output group of ∂ℓ/∂θ (δhᵀ) one step summing
 * its outer products over the lanes; every other θ-gradient element is summed over the lanes where
 * its value is computed. ∂ℓ/∂in is not computed (the fitting loop does not need it).
 *
 * <p>Per lane, every value is computed with the per-row kernel's operations in its order (sums
 * left to right from their first operand, each product of the same two factors), and each
 * θ-gradient element adds its lanes in lane order, as the per-row path adds its rows; the only
 * difference in value is tanh ({@code LaneLoops.tanh}, within 10 ulp of {@code Math.tanh}).
 */
final class LossBatchPlan {

    /** A loss this plan cannot batch (the caller keeps the per-row path). */
    static final class Unsupported extends Exception {
        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    /** The most slots a batch kernel may use (its work is slots × lanes doubles per worker). */
    static final int MAX_SLOTS = 20_000;

    final List<Step> steps = new ArrayList<>();
    final int width;
    final int lossSlot;
    int slots;
    int scratchLength;

    private final KernelSpec spec;
    private final Loops loops;
    private final int inArg;
    private final int thetaArg;
    private final Map<Node, Integer> home = new IdentityHashMap<>();
    private final Map<Node, Integer> remaining = new IdentityHashMap<>();
    private final Set<Node> pinned = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    /** Lane sums not yet emitted (element, node), and how many of them each node's slot still waits for. */
    private final List<Object[]> pendingSums = new ArrayList<>();
    private final Map<Node, Integer> held = new IdentityHashMap<>();
    private final Map<Loops.Block, Integer> blockBase = new IdentityHashMap<>();
    private final Map<Node, List<Loops.Block>> blocksOf = new IdentityHashMap<>();
    private final Map<Loops.DotGroup, Integer> groupBase = new IdentityHashMap<>();
    private final ArrayDeque<Integer> free = new ArrayDeque<>();

    private LossBatchPlan(KernelSpec spec, Loops loops, int inArg, int thetaArg, int width) {
        this.spec = spec;
        this.loops = loops;
        this.inArg = inArg;
        this.thetaArg = thetaArg;
        this.width = width;
        this.lossSlot = width;
        this.slots = width + 1;
    }

    /** The plan of {@code spec}, a loss's {@code lossGradient} kernel (args in, θ, gIn, gθ). */
    static LossBatchPlan of(KernelSpec spec) throws Unsupported {
        int inArg = index(spec, "in");
        int thetaArg = index(spec, "theta");
        int gIn = index(spec, "gIn");
        int gTheta = index(spec, "gTheta");
        Node[] g = null;
        int width = -1;
        for (KernelSpec.Output o : spec.outputs()) {
            if (o.offset() >= 0 || o.start() != 0) {
                throw new Unsupported("an output at an offset");
            }
            if (o.arg() == gTheta) {
                g = o.values();
            } else if (o.arg() == gIn) {
                width = o.values().length;
            }
        }
        if (g == null || width < 0 || spec.returned() == null) {
            throw new Unsupported("not a loss gradient");
        }
        LossBatchPlan p = new LossBatchPlan(spec, LoopFinder.find(spec), inArg, thetaArg, width);
        p.build(g, gTheta);
        if (p.slots > MAX_SLOTS) {
            throw new Unsupported(p.slots + " slots");
        }
        return p;
    }

    private static int index(KernelSpec spec, String name) throws Unsupported {
        for (int i = 0; i < spec.args().size(); i++) {
            if (spec.args().get(i).name().equals(name)) {
                return i;
            }
        }
        throw new Unsupported("no argument " + name);
    }

    private void build(Node[] g, int gArg) throws Unsupported {
        // What is read: the loss, the θ-gradient's computed elements, the vectors of its output loops.
        List<Loops.Loop> outputLoops = new ArrayList<>();
        Set<Loops.Loop> seenLoops = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<Node> roots = new ArrayList<>();
        roots.add(spec.returned());
        for (Node v : g) {
            Loops.Loop l = loops.outputLoop(v);
            if (l != null) {
                if (seenLoops.add(l)) {
                    outputLoops.add(l);
                }
            } else if (!v.isConstant() && !v.isSymbol()) {
                roots.add(v);
            }
        }
        for (Loops.Loop l : outputLoops) {
            List<Loops.OutputRun> rows = l instanceof Loops.OutputGroup og ? og.rows() : List.of((Loops.OutputRun) l);
            if (rows.get(0).arg() != gArg || rows.get(0).offset() >= 0) {
                throw new Unsupported("an output loop of another array");
            }
            if (l instanceof Loops.OutputGroup og) {
                addBlock(og.factors(), roots);
            } else {
                Node f = ((Loops.OutputRun) l).factor();
                if (!f.isConstant() && !f.isSymbol()) {
                    roots.add(f);
                    pinned.add(f);
                }
            }
            addBlock(rows.get(0).vector(), roots);
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
        // Plain θ-gradient elements, by node (a node may be several elements).
        Map<Node, List<Integer>> sums = new IdentityHashMap<>();
        for (int e = 0; e < g.length; e++) {
            Node v = g[e];
            if (loops.outputLoop(v) != null) {
                continue;
            }
            if (v.isConstant()) {
                if (v.value() != 0) {
                    steps.add(new AddTimes(e, new Const(v.value())));
                }
            } else if (v.isSymbol()) {
                Operand o = operand(v);
                steps.add(o instanceof Lane l ? new SumTo(e, l.slot()) : new AddTimes(e, o));
            } else {
                sums.computeIfAbsent(v, x -> new ArrayList<>()).add(e);
            }
        }
        Node ret = spec.returned();
        if (ret.isConstant() || ret.isSymbol()) {
            Operand o = operand(ret);
            steps.add(o instanceof Lane l ? new Copy(lossSlot, l.slot()) : new Fill(lossSlot, o));
        }
        for (Node n : order) {
            Loops.DotGroup dg = groupFirst.get(n);
            if (dg != null) {
                group(dg);
            }
            int d;
            Loops.DotGroup own = loops.dotGroup(n);
            if (own != null && n.op() == Op.ADD && loops.dots(n).get(0).length() == n.arity()
                    && !blocksOf.containsKey(n)) {
                // n is its group's row and nothing else: its value lives there (no copy).
                d = groupBase.get(own) + loops.rowOf(n);
                home.put(n, d);
            } else {
                d = place(n);
                compute(n, d);
            }
            for (Loops.Block b : blocksOf.getOrDefault(n, List.of())) {
                int at = blockBase.get(b) + b.values().indexOf(n);
                if (at != d) {
                    steps.add(new Copy(at, d));
                }
            }
            for (int e : sums.getOrDefault(n, List.of())) {
                sumLater(e, n);
            }
            if (n == ret) {
                steps.add(new Copy(lossSlot, d));
            }
            release(n);
            flushSums(false);
        }
        flushSums(true);
        for (Loops.Loop l : outputLoops) {
            outer(l);
        }
    }

    /**
     * Queues g[e] += Σ_b n_b (a lane sum alone is a chain of dependent additions; eight side by
     * side in one {@link SumsTo} overlap). The slot of a queued node is held until its sum is
     * emitted.
     */
    private void sumLater(int e, Node n) {
        pendingSums.add(new Object[] {e, n});
        held.merge(n, 1, Integer::sum);
    }

    /**
     * Emits the queued sums eight at a time (and, when {@code all}, the rest one by one), then frees the slots no longer held whose nodes have no readers left. Called after
     * {@link #release}, so a node freed here was not freed there.
     */
    private void flushSums(boolean all) {
        int done = 0;
        for (int group : all ? new int[] {8, 1} : new int[] {8}) {
            for (; done + group <= pendingSums.size(); done += group) {
                int[] ea = new int[2 * group];
                for (int i = 0; i < group; i++) {
                    ea[2 * i] = (Integer) pendingSums.get(done + i)[0];
                    ea[2 * i + 1] = home.get((Node) pendingSums.get(done + i)[1]);
                }
                steps.add(group == 1 ? new SumTo(ea[0], ea[1]) : new SumsTo(ea));
            }
        }
        List<Object[]> emitted = pendingSums.subList(0, done);
        for (Object[] s : emitted) {
            Node n = (Node) s[1];
            if (held.merge(n, -1, Integer::sum) == 0) {
                held.remove(n);
                if (remaining.getOrDefault(n, 0) == 0 && !pinned.contains(n) && !blocksOf.containsKey(n)) {
                    free.push(home.get(n));
                }
            }
        }
        emitted.clear();
    }

    /** The nodes to compute, children first (iterative: DAGs may be deep). */
    private List<Node> order(List<Node> roots) {
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

    private void addBlock(Loops.Vector v, List<Node> roots) {
        Set<Node> members = new LinkedHashSet<>();
        blockMembers(v, members);
        roots.addAll(members);
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

    /** Frees the slots of the children whose last reader {@code n} was. */
    private void release(Node n) {
        for (Node c : deps(n)) {
            int left = remaining.merge(c, -1, Integer::sum);
            if (left == 0 && !pinned.contains(c) && !held.containsKey(c) && !blocksOf.containsKey(c)) {
                free.push(home.get(c));
            }
        }
        if (remaining.getOrDefault(n, 0) == 0 && !pinned.contains(n) && !held.containsKey(n)
                && !blocksOf.containsKey(n)) {
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
            case POWI -> {
                Operand a = operand(n.child(0));
                steps.add(new Powi(d, lane(a, d), n.exponent()));
            }
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
     * row (read in place by the next step, not copied first, unless a dot or nothing follows).
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
            running = groupBase.get(dg) + loops.rowOf(n);
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

    /** An output loop's outer products summed over the lanes into ∂ℓ/∂θ. */
    private void outer(Loops.Loop l) throws Unsupported {
        List<Loops.OutputRun> rows = l instanceof Loops.OutputGroup og ? og.rows() : List.of((Loops.OutputRun) l);
        Loops.OutputRun first = rows.get(0);
        int len = first.members().size();
        int[] f;
        if (l instanceof Loops.OutputGroup og) {
            f = lanes(og.factors());
            if (f == null) {
                f = materialise((Loops.Strided) og.factors(), rows.size());
            }
        } else {
            Operand o = operand(first.factor());
            if (o instanceof Lane lane) {
                f = new int[] {lane.slot(), 0};
            } else {
                int t = allocate(1);
                steps.add(new Fill(t, o));
                f = new int[] {t, 0};
            }
        }
        int[] v = lanes(first.vector());
        if (v == null) {
            v = materialise((Loops.Strided) first.vector(), len);
        }
        int gRow = l instanceof Loops.OutputGroup og ? og.rowStride() : 0;
        steps.add(new OuterTo(first.first(), gRow, f[0], f[1], v[0], v[1], rows.size(), len));
        scratchLength = Math.max(scratchLength, len);
    }

    /** θ elements as lanes (each filled into a new slot). */
    private int[] materialise(Loops.Strided s, int count) {
        int base = allocate(count);
        for (int k = 0; k < count; k++) {
            steps.add(new Fill(base + k, new Theta(s.first() + s.stride() * k)));
        }
        return new int[] {base, 1};
    }
}
