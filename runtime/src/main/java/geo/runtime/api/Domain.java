package geo.runtime.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a model's chart is valid, as declared by {@code coords ... in ball(r)} or {@code in box(lo, hi)},
 * and which coordinates are periodic ({@code periodic(phi, 2 * pi)}): solvers stop with an error when
 * a path leaves it. One case per declaration: {@link None} (all of Rᵈ), {@link Ball}, {@link Box};
 * callers switch on the case, never on a name.
 *
 * <p>A periodic coordinate is an angle: points whose values of it differ by a multiple of its
 * period are one point, so it is not bounded ({@link #contains} ignores it, also when a box gives
 * it bounds: those are only where the compiler samples points and where plots look), and the
 * logarithm and the distance consider the wrapped images y + k·period of the target. A ball has no
 * periodic coordinates.
 *
 * <p>It stays in {@code api} (not {@code manifold}): generated classes and model descriptors refer
 * to it, and {@code manifold.compiled} imports {@code api}, so a move would make a cycle.
 */
public sealed interface Domain permits Domain.None, Domain.Ball, Domain.Box {

    /** All of Rᵈ, no periodic coordinate. */
    None NONE = new None(List.of());

    /**
     * All of Rᵈ.
     *
     * @param periods empty when no coordinate is periodic, else the period of each coordinate
     *                (length d), 0 for a coordinate that is not periodic
     */
    record None(List<Double> periods) implements Domain {
        public None {
            periods = Domain.periods(periods);
        }

        @Override
        public String toString() {
            return describe();
        }

        @Override
        public String kind() {
            return "none";
        }
    }

    /**
     * The open ball |x| &lt; radius.
     *
     * @param radius positive
     */
    record Ball(double radius) implements Domain {
        @Override
        public List<Double> periods() {
            return List.of();
        }

        @Override
        public String toString() {
            return describe();
        }

        @Override
        public String kind() {
            return "ball";
        }
    }

    /**
     * The open box lo &lt; x &lt; hi (bounds of periodic coordinates are where points are sampled and
     * plots look, not bounds).
     *
     * @param lo      the lower corner (length d)
     * @param hi      the upper corner (length d)
     * @param periods as for {@link None}
     */
    record Box(List<Double> lo, List<Double> hi, List<Double> periods) implements Domain {
        public Box {
            lo = List.copyOf(lo);
            hi = List.copyOf(hi);
            periods = Domain.periods(periods);
        }

        @Override
        public String toString() {
            return describe();
        }

        @Override
        public String kind() {
            return "box";
        }
    }

    static Ball ball(double radius) {
        return new Ball(radius);
    }

    static Box box(List<Double> lo, List<Double> hi) {
        return new Box(lo, hi, List.of());
    }

    /** The name of the case in model descriptors: {@code none}, {@code ball} or {@code box}. */
    String kind();

    /** Empty when no coordinate is periodic, else the period of every coordinate (0: not periodic). */
    List<Double> periods();

    /**
     * This domain with the given periods (length d, 0 for a coordinate that is not periodic).
     *
     * @throws IllegalArgumentException for a negative or non-finite period, or a periodic coordinate of a ball
     */
    default Domain withPeriods(double[] periods) {
        List<Double> p = new ArrayList<>();
        for (double x : periods) {
            p.add(x);
        }
        if (this instanceof Box b) {
            return new Box(b.lo(), b.hi(), p);
        }
        if (this instanceof Ball && !periods(p).isEmpty()) {
            throw new IllegalArgumentException("a ball domain cannot have periodic coordinates");
        }
        return this instanceof Ball ? this : new None(p);
    }

    /** Whether some coordinate is periodic. */
    default boolean periodic() {
        return !periods().isEmpty();
    }

    /** The period of coordinate i, 0 when it is not periodic. */
    default double period(int i) {
        return periods().isEmpty() ? 0 : periods().get(i);
    }

    /**
     * True when x lies strictly inside the domain (always for {@code none}): {@link #check} finds no
     * reason. Periodic coordinates are not bounded.
     */
    default boolean contains(double[] x) {
        return check(x) == null;
    }

    /**
     * Why x is not a point of the chart, or null when it is: a coordinate that is not finite, or a
     * point that is not strictly inside the declared ball or box (the boundary is excluded: the
     * metric of {@code ball(r)} is typically singular there). Allocates only to build the reason.
     */
    default String check(double[] x) {
        if (this instanceof Ball b) {
            double s = 0;
            for (double xi : x) {
                s += xi * xi;
            }
            if (s < b.radius() * b.radius()) {
                return null;
            }
            return Double.isNaN(s) ? notFinite(x) : "its norm " + Math.sqrt(s) + " is not below the radius "
                    + b.radius();
        }
        if (this instanceof Box b) {
            for (int i = 0; i < x.length; i++) {
                if (!(x[i] > b.lo().get(i) && x[i] < b.hi().get(i)) && !(period(i) > 0 && Double.isFinite(x[i]))) {
                    return Double.isNaN(x[i]) || (period(i) > 0 && !Double.isFinite(x[i])) ? notFinite(x)
                            : "coordinate " + i + " = " + x[i] + " is not strictly between " + b.lo().get(i)
                            + " and " + b.hi().get(i);
                }
            }
            return null;
        }
        for (double xi : x) {
            if (!Double.isFinite(xi)) {
                return notFinite(x);
            }
        }
        return null;
    }

    /**
     * Throws a {@link DomainException} when x is not a point of the chart ({@link #check}).
     *
     * @param what what x is, for the message (e.g. "the start point x")
     */
    default void require(String what, double[] x) {
        String reason = check(x);
        if (reason != null) {
            throw new DomainException(what, x, this, reason);
        }
    }

    /**
     * Moves x (modified) strictly inside the domain, after an optimiser step: into the ball of
     * radius (1 − margin) r (x scaled by (1 − margin) r / |x| when |x| exceeds it), or each bounded
     * coordinate clamped to [lo + margin·(hi − lo), hi − margin·(hi − lo)] (periodic coordinates are
     * left as they are: clamping an angle would cut the circle at the box's edge); a no-op for all
     * of Rᵈ.
     *
     * @param margin the relative distance kept from the boundary, in [0, 1)
     */
    default void project(double[] x, double margin) {
        if (this instanceof Ball b) {
            double s = 0;
            for (double xi : x) {
                s += xi * xi;
            }
            double max = (1 - margin) * b.radius();
            if (s > max * max) {
                double scale = max / Math.sqrt(s);
                for (int i = 0; i < x.length; i++) {
                    x[i] *= scale;
                }
            }
        } else if (this instanceof Box b) {
            for (int i = 0; i < x.length; i++) {
                if (period(i) > 0) {
                    continue;
                }
                double lo = b.lo().get(i);
                double hi = b.hi().get(i);
                double m = margin * (hi - lo);
                x[i] = Math.min(hi - m, Math.max(lo + m, x[i]));
            }
        }
    }

    /** R^d, ball(r) or box(lo, hi), followed by the periodic coordinates. */
    default String describe() {
        String base = this instanceof Ball b ? "ball(" + b.radius() + ")"
                : this instanceof Box b ? "box(" + b.lo() + ", " + b.hi() + ")" : "R^d";
        StringBuilder s = new StringBuilder(base);
        String sep = " with ";
        List<Double> periods = periods();
        for (int i = 0; i < periods.size(); i++) {
            if (periods.get(i) > 0) {
                s.append(sep).append("coordinate ").append(i).append(" periodic (period ").append(periods.get(i))
                        .append(')');
                sep = ", ";
            }
        }
        return s.toString();
    }

    private static String notFinite(double[] x) {
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                return "coordinate " + i + " is " + x[i];
            }
        }
        return "a coordinate is not finite";
    }

    /** The periods checked, and empty when none is positive. */
    private static List<Double> periods(List<Double> periods) {
        boolean any = false;
        for (double p : periods) {
            if (!(p >= 0) || Double.isInfinite(p)) {
                throw new IllegalArgumentException("a period must be a positive number (or 0: not periodic), got " + p);
            }
            any |= p > 0;
        }
        return any ? List.copyOf(periods) : List.of();
    }
}
