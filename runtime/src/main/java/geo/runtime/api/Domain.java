package geo.runtime.api;

import java.util.List;

/**
 * Where a model's chart is valid, as declared by {@code coords ... in ball(r)} or {@code in box(lo, hi)}:
 * solvers stop with an error when a path leaves it.
 *
 * @param kind   {@code ball}, {@code box} or {@code none} (no declared domain: all of Rᵈ)
 * @param radius the radius of a ball (0 otherwise)
 * @param lo     the lower corner of a box (empty otherwise)
 * @param hi     the upper corner of a box (empty otherwise)
 */
public record Domain(String kind, double radius, List<Double> lo, List<Double> hi) {

    /** All of Rᵈ. */
    public static final Domain NONE = new Domain("none", 0, List.of(), List.of());

    public Domain {
        lo = List.copyOf(lo);
        hi = List.copyOf(hi);
        if (!kind.equals("none") && !kind.equals("ball") && !kind.equals("box")) {
            throw new IllegalArgumentException("unknown domain kind '" + kind + "'");
        }
    }

    public static Domain ball(double radius) {
        return new Domain("ball", radius, List.of(), List.of());
    }

    public static Domain box(List<Double> lo, List<Double> hi) {
        return new Domain("box", 0, lo, hi);
    }

    /** True when x lies strictly inside the domain (always for {@code none}): {@link #check} finds no reason. */
    public boolean contains(double[] x) {
        return check(x) == null;
    }

    /**
     * Why x is not a point of the chart, or null when it is: a coordinate that is not finite, or a
     * point that is not strictly inside the declared ball or box (the boundary is excluded: the
     * metric of {@code ball(r)} is typically singular there). Allocates only to build the reason.
     */
    public String check(double[] x) {
        switch (kind) {
            case "ball": {
                double s = 0;
                for (double xi : x) {
                    s += xi * xi;
                }
                if (s < radius * radius) {
                    return null;
                }
                return Double.isNaN(s) ? notFinite(x) : "its norm " + Math.sqrt(s) + " is not below the radius " + radius;
            }
            case "box":
                for (int i = 0; i < x.length; i++) {
                    if (!(x[i] > lo.get(i) && x[i] < hi.get(i))) {
                        return Double.isNaN(x[i]) ? notFinite(x) : "coordinate " + i + " = " + x[i]
                                + " is not strictly between " + lo.get(i) + " and " + hi.get(i);
                    }
                }
                return null;
            default:
                for (double xi : x) {
                    if (!Double.isFinite(xi)) {
                        return notFinite(x);
                    }
                }
                return null;
        }
    }

    /**
     * Throws a {@link DomainException} when x is not a point of the chart ({@link #check}).
     *
     * @param what what x is, for the message (e.g. "the start point x")
     */
    public void require(String what, double[] x) {
        String reason = check(x);
        if (reason != null) {
            throw new DomainException(what, x, this, reason);
        }
    }

    private static String notFinite(double[] x) {
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                return "coordinate " + i + " is " + x[i];
            }
        }
        return "a coordinate is not finite";
    }

    @Override
    public String toString() {
        switch (kind) {
            case "ball": return "ball(" + radius + ")";
            case "box": return "box(" + lo + ", " + hi + ")";
            default: return "R^d";
        }
    }
}
