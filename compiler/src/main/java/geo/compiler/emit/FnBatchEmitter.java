package geo.compiler.emit;

import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;

/**
 * Emits {@code void valueBatch(int n, double[][] w, double[] theta)} of
 * {@code geo.runtime.api.BatchFunctionKernels} from a {@link FnBatchPlan}: its steps as calls of
 * {@code geo.runtime.lanes.LaneLoops} cut into static methods {@code valueBatch$k} of at most
 * {@link LaneStepEmitter#SEGMENT_BUDGET} bytes ({@link LaneStepEmitter}, as the loss's batch
 * kernel is). The constants {@code batchSlots} and {@code batchOutputSlot} describe the work the
 * caller allocates and where the outputs are.
 */
final class FnBatchEmitter implements Opcodes {

    static final String NAME = "valueBatch";
    private static final String DESCRIPTOR = "(I[[D[D)V";

    private FnBatchEmitter() {
    }

    /** The plan of {@code spec}, or null when it cannot be batched (the class keeps the per-row kernel). */
    static FnBatchPlan plan(KernelSpec spec) {
        try {
            return FnBatchPlan.of(spec);
        } catch (FnBatchPlan.Unsupported e) {
            return null;
        }
    }

    /** True when the batch kernel of {@code spec} can be planned and emitted within HotSpot's method limit. */
    static boolean fits(KernelSpec spec) {
        try {
            emit(spec, "geo/models/Probe");
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** The constants a batch kernel's class returns ({@code int name()}), added to {@code constants}. */
    static void constants(FnBatchPlan p, Map<String, Integer> constants) {
        constants.put("batchSlots", p.slots);
        constants.put("batchOutputSlot", p.outputSlot);
    }

    /** The methods of the batch kernel of {@code spec} in class {@code owner}. */
    static List<MethodNode> emit(KernelSpec spec, String owner) {
        FnBatchPlan p = plan(spec);
        if (p == null) {
            throw new IllegalStateException("fn " + spec.name() + " has no batch kernel");
        }
        // A segment takes the main method's arguments; the outputs are left in their slots.
        return LaneStepEmitter.forward().emit(p.steps, owner, NAME, DESCRIPTOR, DESCRIPTOR, 3, p.slots,
                main -> main.visitInsn(RETURN));
    }
}
