package geo.compiler.derive;

import geo.compiler.ir.Symbol;
import java.util.function.ToIntFunction;

/**
 * A role of a kernel's extra INPUT slots: {@link InputRole} for a manifold's kernels,
 * {@link LossInputRole} for a loss's, {@link FunctionInputRole} for a fn's. Code generation binds an INPUT symbol to the kernel
 * argument declared with the symbol's role, never by slot arithmetic or by name.
 */
public interface KernelInput {

    /** The name of the kernel argument that carries the role (display only: binding goes by role). */
    String argumentName();

    /** Whether the role is a single scalar argument rather than an array. */
    boolean scalar();

    /**
     * The first slot of {@code role} in its enum's layout: the lengths of the roles declared
     * before it, summed.
     */
    static <R extends Enum<R>> int offset(R role, ToIntFunction<R> length) {
        int at = 0;
        for (R r : role.getDeclaringClass().getEnumConstants()) {
            if (r == role) {
                return at;
            }
            at += length.applyAsInt(r);
        }
        throw new AssertionError(role);
    }

    /** INPUT symbols at slots at..at+n−1, named {@code name[k]} ({@code name} for a scalar role). */
    static Symbol[] symbols(String name, boolean scalar, int at, int n) {
        Symbol[] out = new Symbol[n];
        for (int k = 0; k < n; k++) {
            out[k] = Symbol.input(scalar ? name : name + "[" + k + "]", at + k);
        }
        return out;
    }

    /**
     * The role of enum {@code roles} and the element of it that INPUT symbol {@code s} holds,
     * the roles laid out one after another with the given lengths.
     *
     * @param layout describes the layout, for the message
     * @throws IllegalArgumentException for a symbol that is not an INPUT or lies beyond the last role
     */
    static <R extends Enum<R> & KernelInput> Element element(Symbol s, Class<R> roles, ToIntFunction<R> length,
                                                             Object layout) {
        if (s.kind() != Symbol.Kind.INPUT) {
            throw new IllegalArgumentException(s + " is a " + s.kind() + ", not a kernel input");
        }
        int at = 0;
        for (R r : roles.getEnumConstants()) {
            int n = length.applyAsInt(r);
            if (s.index() < at + n) {
                return new Element(r, s.index() - at);
            }
            at += n;
        }
        throw new IllegalArgumentException("input " + s + " at slot " + s.index() + " is beyond the "
                + at + " slots of layout " + layout);
    }

    /** A role and the element of it an INPUT slot holds. */
    record Element(KernelInput role, int index) {
    }
}
