package geo.compiler.emit;

import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;

/**
 * Emits {@code void accelerationBatch(int n, double[][] w, double[] θ)} of an explicit spray, or
 * {@code void systemBatch(int n, double[][] w, double[] θ)} of an implicit one
 * ({@code geo.runtime.api.BatchAccelerationKernels}), from an {@link AccelerationBatchPlan}: its
 * steps as calls of {@code geo.runtime.lanes.LaneLoops}, cut into static methods {@code name$k} of
 * at most {@link LaneStepEmitter#SEGMENT_BUDGET} bytes, as the fn and loss batch kernels are. So a
 * kernel of any size batches: the code grows with the per-point kernel's DAG at a few dozen bytes
 * per value, and no method holds the whole kernel. The constants {@code accelerationBatchSlots} and
 * {@code accelerationBatchOutputSlot} say how many work rows the caller allocates and where a is
 * (for {@code systemBatch}: r's rows, which {@code ImplicitAcceleration} overwrites with a).
 */
final class AccelerationBatchEmitter implements Opcodes {

    private static final String DESCRIPTOR = "(I[[D[D)V";

    private AccelerationBatchEmitter() {
    }

    /** Whether {@code spec} is a kernel this emitter batches (by name: acceleration or system). */
    static boolean handles(KernelSpec spec) {
        return spec.name().equals("acceleration") || spec.name().equals("system");
    }

    /** The plan of {@code spec}, or null when it cannot be batched (the class keeps the per-point path only). */
    static AccelerationBatchPlan plan(KernelSpec spec) {
        try {
            return AccelerationBatchPlan.of(spec);
        } catch (LanePlan.Unsupported e) {
            return null;
        }
    }

    /** The constants the class returns for the batch kernel of plan {@code p}, added to {@code constants}. */
    static void constants(AccelerationBatchPlan p, KernelSpec spec, Map<String, Integer> constants) {
        constants.put("accelerationBatchSlots", p.slots);
        constants.put("accelerationBatchOutputSlot",
                p.outputSlot + (spec.name().equals("system") ? p.d * p.d : 0));
    }

    /** The methods of the batch kernel of {@code spec} ({@code spec.name() + "Batch"}) in class {@code owner}. */
    static List<MethodNode> emit(KernelSpec spec, String owner) {
        AccelerationBatchPlan p = plan(spec);
        if (p == null) {
            throw new IllegalStateException("kernel " + spec.name() + " has no batch kernel");
        }
        return LaneStepEmitter.forward().emit(p.steps, owner, spec.name() + "Batch", DESCRIPTOR, DESCRIPTOR, 3,
                p.slots, main -> main.visitInsn(RETURN));
    }
}
