package geo.runtime.learn.motion;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic demonstrations of a motion skill by formula (the public-data-free version of the
 * letter-"J" / letter-"C" data of Beik-Mohammadi et al., RSS 2021). Each demonstration is a
 * sequence of states x = (p, q) ∈ R² × S² at s ∈ [0, 1]:
 * <ul>
 *   <li>position "J": a vertical stroke (6, 9) → (6, −4), then a circular hook of radius 5 about
 *       (1, −4) through the angle 0 → −(π + 0.35), at arc length s^γ·L (L = 13 + 5(π + 0.35));
 *       then scaled by a ~ U(0.9, 1.1), rotated by N(0, (3°)²), translated by N(0, 0.3² I) and
 *       perturbed by N(0, 0.02²) noise per coordinate;</li>
 *   <li>orientation "C": q(s) = cos ρ·b + sin ρ·(cos ψ e₁ + sin ψ e₂), b = (0, 1, 0), e₁ = (1, 0, 0),
 *       e₂ = (0, 0, 1), ρ = 0.45, ψ = −0.75π + 1.5π·s^γ, then moved by the exponential map of a
 *       tangent N(0, 0.01²) perturbation;</li>
 *   <li>the time warp s → s^γ with γ ~ U(0.8, 1.25), one per demonstration.</li>
 * </ul>
 */
public final class Demonstrations {

    /** The number of demonstrations of the synthetic skill. */
    public static final int COUNT = 7;
    /** The number of points per demonstration. */
    public static final int POINTS = 200;
    /** The held-out demonstration. */
    public static final int HELD_OUT = 0;
    /** ρ, the angle of the orientation circle from the pole b. */
    public static final double RHO = 0.45;

    private static final double STROKE = 13;
    private static final double HOOK_ANGLE = Math.PI + 0.35;
    private static final double HOOK_RADIUS = 5;

    private Demonstrations() {
    }

    /**
     * One demonstration: {@code position[i]} ∈ R², {@code orientation[i]} ∈ S² (unit vectors).
     *
     * @param index the demonstration's number
     */
    public record Demonstration(int index, double[][] position, double[][] orientation) {

        public Demonstration {
            if (position.length != orientation.length || position.length < 2) {
                throw new IllegalArgumentException("a demonstration needs at least two points of position and orientation");
            }
        }

        public int size() {
            return position.length;
        }

        /** The state (p, q) ∈ R⁵ of point i. */
        public double[] state(int i) {
            return new double[] {position[i][0], position[i][1], orientation[i][0], orientation[i][1], orientation[i][2]};
        }
    }

    /** {@code count} demonstrations of {@code points} points each, from {@code seed}. */
    public static List<Demonstration> synthetic(long seed, int count, int points) {
        if (count < 1 || points < 2) {
            throw new IllegalArgumentException("need at least one demonstration of two points, got " + count + " of " + points);
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Demonstration> out = new ArrayList<>();
        for (int d = 0; d < count; d++) {
            double scale = 0.9 + 0.2 * random.nextDouble();
            double angle = Math.toRadians(3) * random.nextGaussian();
            double tx = 0.3 * random.nextGaussian();
            double ty = 0.3 * random.nextGaussian();
            double gamma = 0.8 + 0.45 * random.nextDouble();
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            double[][] p = new double[points][];
            double[][] q = new double[points][];
            for (int i = 0; i < points; i++) {
                double s = Math.pow((double) i / (points - 1), gamma);
                double[] j = letterJ(s);
                double x = scale * (cos * j[0] - sin * j[1]) + tx + 0.02 * random.nextGaussian();
                double y = scale * (sin * j[0] + cos * j[1]) + ty + 0.02 * random.nextGaussian();
                p[i] = new double[] {x, y};
                q[i] = perturb(letterC(s), random, 0.01);
            }
            out.add(new Demonstration(d, p, q));
        }
        return out;
    }

    /** The position "J" at arc-length fraction s ∈ [0, 1]. */
    static double[] letterJ(double s) {
        double length = STROKE + HOOK_RADIUS * HOOK_ANGLE;
        double u = s * length;
        if (u <= STROKE) {
            return new double[] {6, 9 - u};
        }
        double theta = -(u - STROKE) / HOOK_RADIUS;
        return new double[] {1 + HOOK_RADIUS * Math.cos(theta), -4 + HOOK_RADIUS * Math.sin(theta)};
    }

    /** The orientation "C" at s ∈ [0, 1]. */
    static double[] letterC(double s) {
        double psi = -0.75 * Math.PI + 1.5 * Math.PI * s;
        double c = Math.cos(RHO);
        double r = Math.sin(RHO);
        return new double[] {r * Math.cos(psi), c, r * Math.sin(psi)};
    }

    /** exp_q(v) for v the tangent projection at q of an N(0, sd² I₃) draw. */
    private static double[] perturb(double[] q, SplittableRandom random, double sd) {
        double[] v = {sd * random.nextGaussian(), sd * random.nextGaussian(), sd * random.nextGaussian()};
        double dot = v[0] * q[0] + v[1] * q[1] + v[2] * q[2];
        for (int k = 0; k < 3; k++) {
            v[k] -= dot * q[k];
        }
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        if (n == 0) {
            return q.clone();
        }
        double[] out = new double[3];
        for (int k = 0; k < 3; k++) {
            out[k] = Math.cos(n) * q[k] + Math.sin(n) * v[k] / n;
        }
        return out;
    }
}
