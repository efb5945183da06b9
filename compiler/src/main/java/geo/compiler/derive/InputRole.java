package geo.compiler.derive;

import geo.compiler.ir.Symbol;
import java.util.function.ToIntFunction;

/**
 * The extra inputs of a manifold's kernels (tangents, cotangents, values held fixed, the step
 * size, recorded residuals): each role is a range of INPUT slots, and this enum is the one
 * definition of their layout. A role's slots follow those of the roles declared before it, so
 * the offset of role r is Σ length(q) over the roles q before r; all kernels of a model share one
 * {@link geo.compiler.ir.NodeFactory} (a slot has one symbol per factory), which is why every
 * role has a range of its own. Derivations build their input symbols with {@link #symbols}, and
 * code generation binds a symbol to the kernel argument of its role with {@link #of}.
 *
 * <p>Adding a role is one constant here, before {@link #RESIDUAL} (the only role whose length is
 * open-ended): its symbol name, its argument name and its length.
 */
public enum InputRole implements KernelInput {
    /** Position tangent dx of a JVP. */
    DX("dx", "dx", Layout::d),
    /** Velocity tangent dv of a JVP. */
    DV("dv", "dv", Layout::d),
    /** Cotangent ā of an explicit acceleration (its VJP). */
    A_BAR("abar", "aBar", Layout::d),
    /** The acceleration a held fixed in the implicit kernels. */
    A("a", "a", Layout::d),
    /** The adjoint λ of the implicit VJP (Mᵀ λ = ā solved by the runtime). */
    LAMBDA("lambda", "lambda", Layout::d),
    /** Cotangent x̄' of the new position of an integrator step. */
    X_END_BAR("xEndBar", "xEndBar", Layout::d),
    /** Cotangent v̄' of the new velocity of an integrator step. */
    V_END_BAR("vEndBar", "vEndBar", Layout::d),
    /** The step size h of an integrator step: one scalar slot. */
    STEP("h", "h", l -> 1),
    /** The θ̄ a step VJP adds its own to, in the order the runtime's stage-by-stage adjoint adds. */
    THETA_BAR("thetaBar", "thetaBarIn", Layout::params),
    /** The forward values a split step VJP reads ({@link IntegratorStep#record}); last, open-ended. */
    RESIDUAL("r", "rows", Layout::residuals);

    /**
     * The sizes role lengths depend on.
     *
     * @param d         the dimension
     * @param params    the number P of parameters
     * @param residuals the number of recorded residuals (0 where a kernel records none)
     */
    public record Layout(int d, int params, int residuals) {
        public Layout {
            if (d < 0 || params < 0 || residuals < 0) {
                throw new IllegalArgumentException("negative size in " + d + ", " + params + ", " + residuals);
            }
        }

        /** The same layout with {@code count} residuals. */
        public Layout withResiduals(int count) {
            return new Layout(d, params, count);
        }
    }

    /** A role and the element of it a slot holds. */
    public record Element(InputRole role, int index) {
    }

    private final String symbolName;
    private final String argumentName;
    private final ToIntFunction<Layout> length;

    InputRole(String symbolName, String argumentName, ToIntFunction<Layout> length) {
        this.symbolName = symbolName;
        this.argumentName = argumentName;
        this.length = length;
    }

    @Override
    public String argumentName() {
        return argumentName;
    }

    /** How many slots the role has. */
    public int length(Layout l) {
        return length.applyAsInt(l);
    }

    /** The first slot of the role: the lengths of the roles declared before it, summed. */
    public int offset(Layout l) {
        return KernelInput.offset(this, r -> r.length(l));
    }

    /** Whether the role is a single scalar (its symbol is named without an index). */
    @Override
    public boolean scalar() {
        return this == STEP;
    }

    /** The INPUT symbols of the role, named {@code name[k]} ({@code name} for a scalar role). */
    public Symbol[] symbols(Layout l) {
        return KernelInput.symbols(symbolName, scalar(), offset(l), length(l));
    }

    /** The single symbol of a scalar role. */
    public Symbol symbol(Layout l) {
        if (!scalar()) {
            throw new IllegalStateException(this + " is not a scalar role");
        }
        return symbols(l)[0];
    }

    /**
     * The role and element of an INPUT symbol under layout {@code l}; the last role takes every
     * slot beyond the others, whatever {@code l}'s residual count.
     *
     * @throws IllegalArgumentException for a symbol that is not an INPUT
     */
    public static Element of(Symbol s, Layout l) {
        if (s.kind() != Symbol.Kind.INPUT) {
            throw new IllegalArgumentException(s + " is a " + s.kind() + ", not a kernel input");
        }
        InputRole[] all = values();
        int at = 0;
        for (int i = 0; i < all.length - 1; i++) {
            int n = all[i].length(l);
            if (s.index() < at + n) {
                return new Element(all[i], s.index() - at);
            }
            at += n;
        }
        return new Element(all[all.length - 1], s.index() - at);
    }
}
