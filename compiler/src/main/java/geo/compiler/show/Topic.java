package geo.compiler.show;

/** What {@code geo show} can print about a manifold; each is one command-line flag. */
public enum Topic {
    /** The metric g and, for d ≤ 4, its inverse. */
    METRIC("metric", "metric g"),
    /** The non-zero Christoffel symbols of the second kind. */
    CHRISTOFFEL("christoffel", "Christoffel symbols"),
    /** The geodesic spray a(x, v) = −Γ(x)[v, v]. */
    SPRAY("spray", "geodesic spray"),
    /** The Riemann and Ricci tensors and the scalar curvature. */
    CURVATURE("curvature", "curvature"),
    /** The Lagrangian, its velocity Hessian and the Euler–Lagrange acceleration. */
    EULER_LAGRANGE("euler-lagrange", "Euler–Lagrange equations");

    private final String flag;
    private final String title;

    Topic(String flag, String title) {
        this.flag = flag;
        this.title = title;
    }

    /** A heading for people, e.g. {@code geodesic spray}. */
    public String title() {
        return title;
    }

    /** The command-line spelling without dashes, e.g. {@code euler-lagrange}. */
    public String flag() {
        return flag;
    }
}
