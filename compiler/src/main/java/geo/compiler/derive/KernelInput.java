package geo.compiler.derive;

/**
 * A role of a kernel's extra INPUT slots: {@link InputRole} for a manifold's kernels,
 * {@link LossInputRole} for a loss's. Code generation binds an INPUT symbol to the kernel
 * argument declared with the symbol's role, never by slot arithmetic or by name.
 */
public interface KernelInput {

    /** The name of the kernel argument that carries the role (display only: binding goes by role). */
    String argumentName();

    /** Whether the role is a single scalar argument rather than an array. */
    boolean scalar();

    /** A role and the element of it an INPUT slot holds. */
    record Element(KernelInput role, int index) {
    }
}
