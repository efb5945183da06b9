package geo.compiler.derive;

import geo.compiler.ir.Symbol;
import java.util.function.ToIntFunction;

/**
 * The INPUT slots of a fn's kernels ({@code value}, {@code jvp}, {@code vjp} of
 * {@code geo.runtime.api.FunctionKernels}): each role is a range of slots, and this enum is the
 * one definition of their layout, laid out and bound as {@link LossInputRole}'s: the offset of
 * role r is Σ length(q) over the roles q before r. A fn is compiled in a factory of its own, so
 * this layout shifts no slot of a manifold's or a loss's.
 *
 * <p>{@link #INPUT} is first, so its slots are the 0..n−1 that {@code Lowering.lowerFunction}
 * gives the fn's arguments. Adding a role is one constant here.
 */
public enum FunctionInputRole implements KernelInput {
    /** The fn's own n input scalars, as lowered. */
    INPUT("in", "in", Layout::inputs),
    /** The inputs' part of the JVP's tangent (dIn, dθ). */
    D_INPUT("dIn", "dIn", Layout::inputs),
    /** The θ part of the JVP's tangent. */
    D_THETA("dTheta", "dTheta", Layout::params),
    /** The VJP's cotangent ȳ of the value (m scalars, row-major). */
    OUT_BAR("outBar", "outBar", Layout::outputs);

    /**
     * The sizes role lengths depend on.
     *
     * @param inputs  the number n of the fn's input scalars
     * @param params  the number P of parameters
     * @param outputs the number m of scalars of its value
     */
    public record Layout(int inputs, int params, int outputs) {
        public Layout {
            if (inputs < 0 || params < 0 || outputs < 1) {
                throw new IllegalArgumentException("bad sizes " + inputs + ", " + params + ", " + outputs);
            }
        }
    }

    private final String symbolName;
    private final String argumentName;
    private final ToIntFunction<Layout> length;

    FunctionInputRole(String symbolName, String argumentName, ToIntFunction<Layout> length) {
        this.symbolName = symbolName;
        this.argumentName = argumentName;
        this.length = length;
    }

    @Override
    public String argumentName() {
        return argumentName;
    }

    @Override
    public boolean scalar() {
        return false;
    }

    /** How many slots the role has. */
    public int length(Layout l) {
        return length.applyAsInt(l);
    }

    /** The first slot of the role: the lengths of the roles declared before it, summed. */
    public int offset(Layout l) {
        return KernelInput.offset(this, r -> r.length(l));
    }

    /** The INPUT symbols of the role, named {@code name[k]}. */
    public Symbol[] symbols(Layout l) {
        return KernelInput.symbols(symbolName, false, offset(l), length(l));
    }

    /**
     * The role and element of an INPUT symbol under layout {@code l}.
     *
     * @throws IllegalArgumentException for a symbol that is not an INPUT or lies beyond the last role
     */
    public static KernelInput.Element of(Symbol s, Layout l) {
        return KernelInput.element(s, FunctionInputRole.class, r -> r.length(l), l);
    }
}
