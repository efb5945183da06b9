package geo.compiler.emit;

import geo.compiler.ir.Node;
import geo.compiler.schedule.Loops;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The plan of a batch fn value kernel ({@code valueBatch} of
 * {@code geo.runtime.api.BatchFunctionKernels}): the per-row {@code value} kernel's DAG, each value a
 * row ("slot") of n lanes, as a list of {@link LossBatchSteps.Step}s that
 * {@link FnBatchEmitter} turns into calls of {@code geo.runtime.lanes.LaneLoops}. Inputs are slots
 * 0 … width − 1, the outputs the m slots after them; the rest is planned by {@link LanePlan}, as
 * the forward steps of the loss's batch gradient ({@link LossBatchPlan}) are: the blocks of the
 * kernel's {@link Loops}, the rows of its dot groups (W·h as one matrix–matrix step, each row copied
 * into its sum's slot first), and temporaries reused once their last reader has run. A fn's value
 * needs no θ-gradient and no outer products, so this plan has only the forward steps.
 *
 * <p>Per lane, every value is computed with the per-row kernel's operations in its order (sums
 * left to right from their first operand, each product of the same two factors), so a lane gets
 * the bits of {@code value}, tanh included ({@code LaneLoops.tanh}: the loops of
 * {@code geo.runtime.api.Tanh}, which {@code value} calls).
 */
final class FnBatchPlan extends LanePlan {

    final int width;
    final int outputSlot;

    private FnBatchPlan(KernelSpec spec, Loops loops, int inArg, int thetaArg, int width, int outputs) {
        super(spec, loops, inArg, thetaArg, width + outputs, false);
        this.width = width;
        this.outputSlot = width;
    }

    /** The plan of {@code spec}, a fn's {@code value} kernel (args in, θ, out). */
    static FnBatchPlan of(KernelSpec spec) throws Unsupported {
        int[] arg = indices(spec, "in", "theta", "out");
        int inArg = arg[0];
        if (spec.outputs().size() != 1 || spec.returned() != null) {
            throw new Unsupported("not a fn value");
        }
        KernelSpec.Output o = spec.outputs().get(0);
        if (o.arg() != arg[2] || o.offset() >= 0 || o.start() != 0) {
            throw new Unsupported("an output at an offset");
        }
        Node[] out = o.values();
        Loops loops = LoopFinder.find(spec);
        for (Node v : out) {
            if (loops.outputLoop(v) != null) {
                throw new Unsupported("an output loop");
            }
        }
        FnBatchPlan p = new FnBatchPlan(spec, loops, inArg, arg[1], width(spec, inArg, out), out.length);
        p.build(out);
        p.checkSlots();
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

    private void build(Node[] out) throws Unsupported {
        buildOutputs(out, outputSlot);
    }
}
