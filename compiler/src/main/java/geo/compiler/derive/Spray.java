package geo.compiler.derive;

import geo.compiler.ir.Node;
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

    /** True when {@link #acceleration} is given symbolically. */
    public boolean explicit() {
        return acceleration != null;
    }
}
