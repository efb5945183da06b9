package geo.runtime.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a model's chart is valid, as declared by {@code coords ... in ball(r)} or {@code in box(lo, hi)},
 * and which coordinates are periodic ({@code periodic(phi, 2 * pi)}): solvers stop with an error when
 * a path leaves it.
 *
 * <p>A periodic coordinate is an angle: points whose values of it differ by a multiple of its
 * period are one point, so it is not bounded ({@link #contains} ignores it, also when a box gives
 * it bounds: those are only where the compiler samples points and where plots look), and the
 * logarithm and the distance consider the wrapped images y + k·period of the target.
 *
 * @param kind    {@code ball}, {@code box} or {@code none} (no declared domain: all of Rᵈ)
 * @param radius  the radius of a ball (0 otherwise)
 * @param lo      the lower corner of a box (empty otherwise)
 * @param hi      the upper corner of a box (empty otherwise)
 * @param periods empty when no coordinate is periodic, else the period of each coordinate (length
 *                d), 0 for a coordinate that is not periodic
 */
public record Domain(String kind, double radius, List<Double> lo, List<Double> hi, List<Double> periods) {

    /** All of Rᵈ. */
    public static final Domain NONE = new Domain("none", 0, List.of(), List.of());

    public Domain {
        lo = List.copyOf(lo);
        hi = List.copyOf(hi);
        periods = List.copyOf(periods);
        if (!kind.equals("none") && !kind.equals("ball") && !kind.equals("box")) {
            throw new IllegalArgumentException("unknown domain kind '" + kind + "'");
        }
        boolean any = false;
        for (double p : periods) {
            if (!(p >= 0) || Double.isInfinite(p)) {
                throw new IllegalArgumentException("a period must be a positive number (or 0: not periodic), got " + p);
            }
            any |= p > 0;
        }
        if (any && kind.equals("ball")) {
            throw new IllegalArgumentException("a ball domain cannot have periodic coordinates");
        }
        if (!any) {
            periods = List.of();
        }
    }

    /** Without periodic coordinates. */
    public Domain(String kind, double radius, List<Double> lo, List<Double> hi) {
        this(kind, radius, lo, hi, List.of());
    }

    public static Domain ball(double radius) {
        return new Domain("ball", radius, List.of(), List.of());
    }

    public static Domain box(List<Double> lo, List<Double> hi) {
        return new Domain("box", 0, lo, hi);
    }

    /** This domain with the given periods (length d, 0 for a coordinate that is not periodic). */
    public Domain withPeriods(double[] periods) {
        List<Double> p = new ArrayList<>();
        for (double x : periods) {
            p.add(x);
        }
        return new Domain(kind, radius, lo, hi, p);
    }

    /** Whether some coordinate is periodic. */
    public boolean periodic() {
        return !periods.isEmpty();
    }

    /** The period of coordinate i, 0 when it is not periodic. */
    public double period(int i) {
        return periods.isEmpty() ? 0 : periods.get(i);
    }

    /**
     * True when x lies strictly inside the domain (always for {@code none}): {@link #check} finds no
     * reason. Periodic coordinates are not bounded.
     */
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
                    if (!(x[i] > lo.get(i) && x[i] < hi.get(i)) && !(period(i) > 0 && Double.isFinite(x[i]))) {
                        return Double.isNaN(x[i]) || (period(i) > 0 && !Double.isFinite(x[i])) ? notFinite(x)
                                : "coordinate " + i + " = " + x[i] + " is not strictly between " + lo.get(i) + " and "
                                + hi.get(i);
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
        String base;
        switch (kind) {
            case "ball": base = "ball(" + radius + ")"; break;
            case "box": base = "box(" + lo + ", " + hi + ")"; break;
            default: base = "R^d"; break;
        }
        StringBuilder s = new StringBuilder(base);
        String sep = " with ";
        for (int i = 0; i < periods.size(); i++) {
            if (periods.get(i) > 0) {
                s.append(sep).append("coordinate ").append(i).append(" periodic (period ").append(periods.get(i))
                        .append(')');
                sep = ", ";
            }
        }
        return s.toString();
    }
}
