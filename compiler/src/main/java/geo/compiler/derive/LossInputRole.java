package geo.compiler.derive;

import geo.compiler.ir.Symbol;
import java.util.function.ToIntFunction;

/**
 * The INPUT slots of a loss's kernels ({@code loss}, {@code lossGradient}, {@code lossHvp}):
 * each role is a range of slots, and this enum is the one definition of their layout. A role's
 * slots follow those of the roles declared before it, so the offset of role r is Σ length(q) over
 * the roles q before r. Loss kernels are compiled in a factory of their own, so this layout is
 * independent of the manifold kernels' ({@link InputRole}): adding a role to either shifts no
 * slot of the other.
 *
 * <p>{@link #INPUT} is first, so its slots are the 0..n−1 that {@code Lowering.lowerLoss} gives
 * the loss's arguments (it names them after the arguments). Adding a role is one constant here:
 * its symbol name, its argument name and its length.
 */
public enum LossInputRole implements KernelInput {
    /** The loss's own n input scalars, as lowered. */
    INPUT("in", "in", Layout::inputs),
    /** The inputs' part of the HVP direction w = (w_in, w_θ) ({@link Kernels#lossHvp}). */
    W_INPUT("wIn", "wIn", Layout::inputs),
    /** The θ part of the HVP direction. */
    W_THETA("wTheta", "wTheta", Layout::params);

    /**
     * The sizes role lengths depend on.
     *
     * @param inputs the number n of the loss's input scalars
     * @param params the number P of parameters
     */
    public record Layout(int inputs, int params) {
        public Layout {
            if (inputs < 0 || params < 0) {
                throw new IllegalArgumentException("negative size in " + inputs + ", " + params);
            }
        }
    }

    private final String symbolName;
    private final String argumentName;
    private final ToIntFunction<Layout> length;

    LossInputRole(String symbolName, String argumentName, ToIntFunction<Layout> length) {
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
        return KernelInput.element(s, LossInputRole.class, r -> r.length(l), l);
    }
}
