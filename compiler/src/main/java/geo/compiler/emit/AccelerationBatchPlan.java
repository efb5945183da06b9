package geo.compiler.emit;

import geo.compiler.ir.Node;
import geo.compiler.schedule.Loops;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan of a batch acceleration kernel: the per-point {@code acceleration(t, x, v, θ, a)} of an
 * explicit spray, or {@code system(t, x, v, θ, M, r)} of an implicit one (M a = r, solved by
 * {@code geo.runtime.api.ImplicitAcceleration}), each value a row ("slot") of n lanes, as
 * {@link LossBatchSteps} steps that {@link AccelerationBatchEmitter} turns into calls of
 * {@code geo.runtime.lanes.LaneLoops} ({@link LanePlan}: the network's W·h as matrix–matrix steps,
 * temporaries reused). Slots 0 … d − 1 hold x, d … 2d − 1 hold v, and the outputs (a; or M row-major,
 * then r) the slots from 2d on.
 *
 * <p>As in the loss and fn batch kernels, tanh is {@code LaneLoops.tanh}, the vectorised loops of
 * {@code geo.runtime.api.Tanh}, which the per-point kernel calls too, so every lane gets exactly the
 * per-point kernel's bits: the batched exponential map must compute the map the per-pair Newton
 * solver certifies ({@code geo.runtime.bvp.BatchShooting}). Kernels that read t,
 * write at an offset or return a value are not batched ({@link LanePlan.Unsupported}).
 */
final class AccelerationBatchPlan extends LanePlan {

    final int d;
    final int outputSlot;
    private final int vArg;

    private AccelerationBatchPlan(KernelSpec spec, Loops loops, int xArg, int vArg, int thetaArg, int d) {
        super(spec, loops, xArg, thetaArg, 2 * d + outputs(spec).length, false);
        this.d = d;
        this.vArg = vArg;
        this.outputSlot = 2 * d;
    }

    /** The plan of {@code spec}: {@code acceleration} (one output, a) or {@code system} (two, M then r). */
    static AccelerationBatchPlan of(KernelSpec spec) throws Unsupported {
        int[] arg = indices(spec, "x", "v", "theta");
        if (spec.returned() != null || spec.outputs().isEmpty()) {
            throw new Unsupported("not an acceleration");
        }
        for (KernelSpec.Output o : spec.outputs()) {
            if (o.offset() >= 0 || o.start() != 0) {
                throw new Unsupported("an output at an offset");
            }
        }
        Node[] out = outputs(spec);
        Loops loops = LoopFinder.find(spec);
        for (Node v : out) {
            if (loops.outputLoop(v) != null) {
                throw new Unsupported("an output loop");
            }
        }
        // d is the length of the last output: a, or r after M.
        int d = spec.outputs().get(spec.outputs().size() - 1).values().length;
        AccelerationBatchPlan p = new AccelerationBatchPlan(spec, loops, arg[0], arg[1], arg[2], d);
        p.buildOutputs(out, p.outputSlot);
        p.checkSlots();
        return p;
    }

    /** x element i in slot i, v element i in slot d + i. */
    @Override
    int inputSlot(KernelSpec.Source s) {
        int x = super.inputSlot(s);
        return x >= 0 ? x : s.arg() == vArg ? d + s.element() : -1;
    }

    /** The outputs' values in order (a; or M row-major, then r). */
    private static Node[] outputs(KernelSpec spec) {
        List<Node> all = new ArrayList<>();
        for (KernelSpec.Output o : spec.outputs()) {
            all.addAll(List.of(o.values()));
        }
        return all.toArray(Node[]::new);
    }
}
