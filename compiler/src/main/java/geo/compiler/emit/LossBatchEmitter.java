package geo.compiler.emit;

import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;

/**
 * Emits {@code double lossGradientBatch(int n, double[][] w, double[] theta, double[] gTheta)} of
 * {@code geo.runtime.api.BatchLossKernels} from a {@link LossBatchPlan}: its steps as calls of
 * {@code geo.runtime.lanes.LaneLoops} cut into static methods {@code lossGradientBatch$k} of at
 * most {@link #SEGMENT_BUDGET} bytes ({@link LaneStepEmitter}), then the sum of the lanes' losses
 * returned. The constants {@code batchSlots}, {@code batchScratchLength} and {@code batchLossSlot}
 * describe the work the caller allocates.
 */
final class LossBatchEmitter implements Opcodes {

    static final String NAME = "lossGradientBatch";
    private static final String DESCRIPTOR = "(I[[D[D[D)D";
    private static final String SEGMENT = "(I[[D[D[D)V";
    /** Bytes of one segment method (measured sizes are checked against the JIT limit). */
    static final int SEGMENT_BUDGET = LaneStepEmitter.SEGMENT_BUDGET;

    private LossBatchEmitter() {
    }

    /** The plan of {@code spec}, or null when it cannot be batched (the per-row path is used then). */
    static LossBatchPlan plan(KernelSpec spec) {
        try {
            return LossBatchPlan.of(spec);
        } catch (LossBatchPlan.Unsupported e) {
            return null;
        }
    }

    /**
     * True when the batch kernel of plan {@code p} can be emitted: its {@code lossGradientBatch}
     * calls every segment, so a loss with very many element-wise steps (Budget's 10×10 metric)
     * would get a method over HotSpot's limit; such a loss keeps the per-row path. Decided from
     * the plan, without emitting: {@link #emit} cuts segments by each step's byte bound
     * ({@link LaneStepEmitter#bound}), so their number is known, and the main method takes
     * {@value #MAIN_PER_SEGMENT} bytes a segment plus {@value #MAIN_TAIL}.
     */
    static boolean fits(LossBatchPlan p) {
        return MAIN_PER_SEGMENT * (long) segments(p) + MAIN_TAIL < MethodEmitter.HUGE_METHOD_LIMIT;
    }

    /** Bytes of the main method per segment call: iload_1, aload_2, aload_3, aload 4, invokestatic. */
    private static final int MAIN_PER_SEGMENT = 8;
    /** Bytes of the main method's end: aload_2, iload_1, a pushed int (≤ 3), invokestatic, dreturn. */
    private static final int MAIN_TAIL = 9;

    /** The number of segment methods {@link #emit} makes for plan {@code p}. */
    static int segments(LossBatchPlan p) {
        return LaneStepEmitter.segments(p.steps);
    }

    /** The constants a batch kernel's class returns ({@code int name()}), added to {@code constants}. */
    static void constants(LossBatchPlan p, Map<String, Integer> constants) {
        constants.put("batchSlots", p.slots);
        constants.put("batchScratchLength", p.scratchLength);
        constants.put("batchLossSlot", p.lossSlot);
    }

    /** The methods of the batch kernel of {@code spec} in class {@code owner}. */
    static List<MethodNode> emit(KernelSpec spec, String owner) {
        LossBatchPlan p = plan(spec);
        if (p == null) {
            throw new IllegalStateException("loss " + spec.name() + " has no batch kernel");
        }
        return LaneStepEmitter.withGradient().emit(p.steps, owner, NAME, DESCRIPTOR, SEGMENT, 4, p.slots, main -> {
            // Σ_b ℓ_b, the lanes' losses added in lane order.
            main.visitVarInsn(ALOAD, 2);
            main.visitVarInsn(ILOAD, 1);
            LoopCode.pushInt(main, p.lossSlot);
            main.visitMethodInsn(INVOKESTATIC, LaneStepEmitter.LANES, "sum", "([[DII)D", false);
            main.visitInsn(DRETURN);
        });
    }
}
