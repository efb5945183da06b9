package geo.compiler.emit;

import geo.compiler.emit.LossBatchSteps.AddTimes;
import geo.compiler.emit.LossBatchSteps.Const;
import geo.compiler.emit.LossBatchSteps.Copy;
import geo.compiler.emit.LossBatchSteps.Fill;
import geo.compiler.emit.LossBatchSteps.Lane;
import geo.compiler.emit.LossBatchSteps.Operand;
import geo.compiler.emit.LossBatchSteps.OuterTo;
import geo.compiler.emit.LossBatchSteps.Step;
import geo.compiler.emit.LossBatchSteps.SumTo;
import geo.compiler.emit.LossBatchSteps.SumsTo;
import geo.compiler.emit.LossBatchSteps.Theta;
import geo.compiler.ir.Node;
import geo.compiler.ir.Op;
import geo.compiler.schedule.Loops;
import java.util.ArrayList;
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
 * slot width; then, planned by {@link LanePlan} (the forward steps it shares with
 * {@link FnBatchPlan}), the blocks of the kernel's {@link Loops} (computed vectors a loop reads,
 * side by side), the rows of its dot groups, and temporaries reused once their last reader has
 * run. A dot group (W·h, Wᵀδ) becomes one matrix–matrix step, read in place where a sum is its
 * group's row and nothing else (no copy); an output group of ∂ℓ/∂θ (δhᵀ) one step summing
 * its outer products over the lanes; every other θ-gradient element is summed over the lanes where
 * its value is computed. ∂ℓ/∂in is not computed (the fitting loop does not need it).
 *
 * <p>Per lane, every value is computed with the per-row kernel's operations in its order (sums
 * left to right from their first operand, each product of the same two factors), and each
 * θ-gradient element adds its lanes in lane order, as the per-row path adds its rows; tanh is
 * {@code LaneLoops.tanh}, the loops of {@code geo.runtime.api.Tanh}, which the per-row kernel calls.
 */
final class LossBatchPlan extends LanePlan {

    final int width;
    final int lossSlot;
    int scratchLength;

    private final Set<Node> pinned = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    /** Lane sums not yet emitted (element, node), and how many of them each node's slot still waits for. */
    private final List<Object[]> pendingSums = new ArrayList<>();
    private final Map<Node, Integer> held = new IdentityHashMap<>();

    private LossBatchPlan(KernelSpec spec, Loops loops, int inArg, int thetaArg, int width) {
        super(spec, loops, inArg, thetaArg, width + 1, true);
        this.width = width;
        this.lossSlot = width;
    }

    /** The plan of {@code spec}, a loss's {@code lossGradient} kernel (args in, θ, gIn, gθ). */
    static LossBatchPlan of(KernelSpec spec) throws Unsupported {
        int[] arg = indices(spec, "in", "theta", "gIn", "gTheta");
        int gIn = arg[2];
        int gTheta = arg[3];
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
        LossBatchPlan p = new LossBatchPlan(spec, LoopFinder.find(spec), arg[0], arg[1], width);
        p.build(g, gTheta);
        p.checkSlots();
        return p;
    }

    /** A slot is also kept while its node is an output loop's factor or waits for a queued lane sum. */
    @Override
    boolean kept(Node n) {
        return pinned.contains(n) || held.containsKey(n) || super.kept(n);
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
        Map<Node, Loops.DotGroup> groupFirst = groupFirsts(order);
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
            copyToBlocks(n, d);
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
     * Emits the queued sums eight at a time (and, when {@code all}, the rest one by one), then frees
     * the slots no longer held whose nodes have no readers left. Called after
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
                if (remaining.getOrDefault(n, 0) == 0 && !kept(n)) {
                    free.push(home.get(n));
                }
            }
        }
        emitted.clear();
    }

    private void addBlock(Loops.Vector v, List<Node> roots) {
        Set<Node> members = new LinkedHashSet<>();
        blockMembers(v, members);
        roots.addAll(members);
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
