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

    /** True when x lies strictly inside the domain (always for {@code none}). Allocates nothing. */
    public boolean contains(double[] x) {
        switch (kind) {
            case "ball": {
                double s = 0;
                for (double xi : x) {
                    s += xi * xi;
                }
                return s < radius * radius;
            }
            case "box":
                for (int i = 0; i < x.length; i++) {
                    if (!(x[i] > lo.get(i) && x[i] < hi.get(i))) {
                        return false;
                    }
                }
                return true;
            default:
                return true;
        }
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
