package geo.compiler.derive;

import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.lower.Tensor;

/**
 * An acceleration a(x, v) defined by a linear system {@code matrix · a = rhs}: the geodesic spray
 * (matrix = g) or the Euler–Lagrange acceleration (matrix = ∂²L/∂v²). For d up to
 * {@link MetricGeometry#SYMBOLIC_INVERSE_LIMIT} the solution is also given explicitly; above
 * that, {@code acceleration} is null and the runtime solves the system (Cholesky).
 *
 * @param matrix       the d×d symmetric matrix of the system
 * @param rhs          the right-hand side, length d
 * @param acceleration a = matrix⁻¹ rhs, or null when left to the runtime
 */
public record Spray(Tensor matrix, Node[] rhs, Node[] acceleration) {

    /**
     * This spray, or when it is implicit and its matrix is conformal, diagonal or block diagonal
     * with small blocks ({@link SystemStructure}), the same system with its symbolic solution:
     * what the compiled kernels use, so that such a metric needs no factorisation at run time in
     * any dimension. The derivations themselves ({@link MetricGeometry#spray()},
     * {@link EulerLagrange#acceleration()}) and their display keep the system form above d = 4.
     */
    public Spray structured(NodeFactory f) {
        if (explicit()) {
            return this;
        }
        Node[] a = SystemStructure.of(matrix).solve(f, matrix, rhs);
        return a == null ? this : new Spray(matrix, rhs, a);
    }

    /** True when {@link #acceleration} is given symbolically. */
    public boolean explicit() {
        return acceleration != null;
    }
}
