package geo.compiler.emit;

import geo.compiler.ir.MathCall;
import java.util.List;

/**
 * The steps of a batch kernel's plan ({@link LossBatchPlan}; {@link FnBatchPlan} uses only the
 * forward steps, those {@link LanePlan} makes): each one call of generated code
 * ({@link LaneStepEmitter} turns a step into a call of {@code geo.runtime.lanes.LaneLoops} with
 * constant slots), and the operands steps read. {@link OuterTo}, {@link SumTo}, {@link SumsTo}
 * and {@link AddTimes} add to ∂ℓ/∂θ (a loss's kernel only).
 */
final class LossBatchSteps {

    private LossBatchSteps() {
    }

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
    sealed interface Step permits Fill, Copy, Bin, Powi, Tanh, Call, DotSL, DotLL, DotSS, OuterTo, SumTo, SumsTo,
            AddTimes {
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

    record OuterTo(int g0, int gRow, int f0, int fRow, int v0, int vs, int rows, int len) implements Step {
    }

    record SumTo(int e, int a) implements Step {
    }

    /**
     * Eight {@link SumTo}s in one loop (each element still adds its lanes in order): element
     * {@code ea[2i]} += the lanes of slot {@code ea[2i + 1]}.
     */
    record SumsTo(int[] ea) implements Step {
    }

    record AddTimes(int e, Operand scalar) implements Step {
    }
}
