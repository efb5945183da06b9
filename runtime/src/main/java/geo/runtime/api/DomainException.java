package geo.runtime.api;

import java.util.Arrays;

/**
 * A point given to a solver lies outside the model's declared domain ({@code coords ... in
 * ball(r)} or {@code in box(lo, hi)}), or has a coordinate that is not finite: the solvers
 * ({@code Geodesics}, {@code Shooting}, {@code Distances}) throw it before integrating. It is the
 * caller's mistake, not a numerical failure, hence an {@link IllegalArgumentException}.
 */
public final class DomainException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient double[] point;
    private final transient Domain domain;

    /**
     * @param what   what the point is (e.g. "the start point x")
     * @param point  the point
     * @param domain the domain it is not in
     * @param reason why, from {@link Domain#check}
     */
    public DomainException(String what, double[] point, Domain domain, String reason) {
        super(what + " " + text(point) + " is outside the domain " + domain + ": " + reason);
        this.point = point.clone();
        this.domain = domain;
    }

    /** The offending point (a copy). */
    public double[] point() {
        return point.clone();
    }

    public Domain domain() {
        return domain;
    }

    /** (x1, x2, ...) */
    static String text(double[] x) {
        String s = Arrays.toString(x);
        return "(" + s.substring(1, s.length() - 1) + ")";
    }
}
