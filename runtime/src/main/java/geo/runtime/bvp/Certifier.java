package geo.runtime.bvp;

import geo.runtime.api.AccelerationKernels;
import geo.runtime.api.Domain;
import geo.runtime.api.LagrangianKernels;
import geo.runtime.api.MetricKernels;
import java.util.Arrays;
import java.util.Locale;

/**
 * The logarithm as the initial velocity of a <em>certified</em> geodesic: wraps {@link Shooting}
 * (which only solves exp_x(v) = y) with periodic images and the conjugate-point check.
 *
 * <p>A geodesic γ from x to y is <b>certified</b> when
 * <ol>
 *   <li>the shot converged: ‖exp_x(v) − y_k‖ ≤ the tolerance, for an image y_k = y + k·P of y
 *       (P the periods of the periodic coordinates, k ∈ {−1, 0, 1} per periodic coordinate around
 *       the image nearest to x);</li>
 *   <li>γ has no conjugate point on (0, 1) ({@link ConjugatePoints}): a necessary condition for γ
 *       to be minimising, even locally (Jacobi's theorem), not a sufficient one for the global
 *       minimum;</li>
 *   <li>it is the shortest of the certified candidates that were solved: the nearest image only,
 *       when that one is certified ({@link Minimality#CONJUGATE_POINTS}), else all neighbouring
 *       images, and, when the nearest image's geodesic has a conjugate point and no image gave a
 *       certified one, the solves from the guesses of {@link PathSearch}; all images with
 *       {@link Minimality#ALL_IMAGES}.</li>
 * </ol>
 * What this does not guarantee: that no shorter geodesic exists elsewhere (in another homotopy
 * class of a non-simply-connected chart, or to an image further away, or one the Newton shooting
 * does not reach from its guesses). On the round sphere with φ periodic every geodesic without
 * conjugate point on (0, 1) is minimising, so there the result is the distance.
 *
 * <p>Allocates only at construction; not thread-safe (one per {@link Distances}).
 */
final class Certifier {

    private final Shooting shooting;
    private final ConjugatePoints conjugate;
    private final PathSearch search;
    private final double[] found;
    private final MetricKernels metric;
    private final Minimality policy;
    private final int d;
    private final double[] periods;
    private final int[] periodic;
    private final double[] target;
    private final double[] nearest;
    private final double[] best;
    private final double[] trial;

    Certifier(Shooting shooting, AccelerationKernels acceleration, MetricKernels metric, LagrangianKernels lagrangian,
              Domain domain) {
        this.shooting = shooting;
        this.search = lagrangian == null ? null
                : new PathSearch(shooting.geodesics(), lagrangian, domain, acceleration.descriptor().parameterCount());
        shooting.pathGuesses(search);
        this.metric = metric;
        this.policy = shooting.options().minimality();
        this.d = acceleration.descriptor().dimension();
        this.conjugate = policy == Minimality.NONE ? null : new ConjugatePoints(acceleration);
        this.periods = new double[d];
        int count = 0;
        for (int i = 0; i < d; i++) {
            periods[i] = domain.period(i);
            if (periods[i] > 0) {
                count++;
            }
        }
        this.periodic = new int[count];
        for (int i = 0, k = 0; i < d; i++) {
            if (periods[i] > 0) {
                periodic[k++] = i;
            }
        }
        target = new double[d];
        nearest = new double[d];
        best = new double[d];
        trial = new double[d];
        found = new double[d];
    }

    /**
     * log_x(y) into v, certified as described above; {@code jac} and {@code warm} as in
     * {@link Shooting#log(double[], double[], double[], double[], double[], boolean)}. On
     * CONVERGED the shooting's tape holds the returned geodesic.
     */
    LogResult log(double[] x, double[] y, double[] theta, double[] v, double[] jac, boolean warm) {
        nearestImage(x, y, nearest);
        LogResult first = shooting.log(x, nearest, theta, v, jac, warm);
        if (policy == Minimality.NONE
                || (policy == Minimality.TRUST_WARM_STARTS && first.converged() && shooting.convergedFromWarmStart())) {
            return first;
        }
        int iterations = first.iterations();
        String notMinimal = null;
        double bestLength = Double.POSITIVE_INFINITY;
        if (first.converged()) {
            ConjugatePoints.Result c = conjugate.check(x, v, theta, nearest);
            if (c.kind() == ConjugatePoints.Kind.NONE) {
                if (policy != Minimality.ALL_IMAGES || periodic.length == 0) {
                    return first;
                }
                bestLength = length(x, v, theta);
                System.arraycopy(v, 0, best, 0, d);
            } else {
                notMinimal = reason(c);
                System.arraycopy(v, 0, found, 0, d);
            }
        }
        boolean bestIsFirst = bestLength < Double.POSITIVE_INFINITY;
        int images = 1;
        for (int k = 0; k < periodic.length; k++) {
            images *= 3;
        }
        LogResult bestResult = bestIsFirst ? first : null;
        for (int code = 0; code < images && periodic.length > 0; code++) {
            boolean centre = true;
            System.arraycopy(nearest, 0, target, 0, d);
            for (int k = 0, c = code; k < periodic.length; k++, c /= 3) {
                int shift = c % 3 - 1;
                centre &= shift == 0;
                target[periodic[k]] += shift * periods[periodic[k]];
            }
            if (centre) {
                continue;
            }
            LogResult r = shooting.log(x, target, theta, trial, null, false);
            iterations += r.iterations();
            if (!r.converged()) {
                continue;
            }
            ConjugatePoints.Result c = conjugate.check(x, trial, theta, target);
            if (c.kind() != ConjugatePoints.Kind.NONE) {
                if (notMinimal == null) {
                    notMinimal = reason(c);
                }
                continue;
            }
            double length = length(x, trial, theta);
            if (length < bestLength) {
                bestLength = length;
                bestResult = r;
                bestIsFirst = false;
                System.arraycopy(trial, 0, best, 0, d);
            }
        }
        if (bestResult == null && first.converged() && notMinimal != null && search != null) {
            // The nearest image's geodesic is a saddle of the energy: look for a shorter one.
            for (int k = 0; k < search.starts(); k++) {
                if (!search.guess(k, x, nearest, found, theta, trial)) {
                    continue;
                }
                LogResult r = shooting.newtonFrom(x, nearest, theta, trial);
                iterations += r.iterations();
                if (!r.converged()
                        || conjugate.check(x, trial, theta, nearest).kind() != ConjugatePoints.Kind.NONE) {
                    continue;
                }
                double length = length(x, trial, theta);
                if (length < bestLength) {
                    bestLength = length;
                    bestResult = new LogResult(LogStatus.CONVERGED, 0, r.residual(),
                            "from a path-energy minimisation (the first geodesic found had a conjugate point)");
                    System.arraycopy(trial, 0, best, 0, d);
                }
            }
        }
        if (bestResult == null) {
            if (notMinimal == null) {
                return first;
            }
            return notMinimal(first, iterations, notMinimal, jac);
        }
        System.arraycopy(best, 0, v, 0, d);
        // The tape (end velocity, mesh quadrature, log gradient) must be the kept geodesic's.
        shooting.record(x, v, theta);
        if (jac != null && !bestIsFirst) {
            Arrays.fill(jac, Double.NaN);
        }
        return new LogResult(LogStatus.CONVERGED, iterations, bestResult.residual(),
                bestIsFirst ? bestResult.detail() : bestResult.detail().isEmpty() ? "to another periodic image of y"
                        : bestResult.detail());
    }

    private LogResult notMinimal(LogResult first, int iterations, String why, double[] jac) {
        if (jac != null) {
            Arrays.fill(jac, Double.NaN);
        }
        return new LogResult(LogStatus.NOT_MINIMAL, iterations, first.residual(), why);
    }

    private static String reason(ConjugatePoints.Result c) {
        return c.kind() == ConjugatePoints.Kind.CONJUGATE
                ? String.format(Locale.ROOT, "the geodesic found has a conjugate point by t = %.3g, so it is not the "
                        + "shortest, and no shorter one was found", c.t())
                : "the geodesic found could not be checked for conjugate points (its Jacobi fields could not be "
                        + "integrated, or not to the accuracy of the geodesic with " + ConjugatePoints.MAX_STEPS
                        + " steps)";
    }

    /** The image of y nearest to x: y_i − P_i round((y_i − x_i)/P_i) for each periodic coordinate i. */
    void nearestImage(double[] x, double[] y, double[] out) {
        System.arraycopy(y, 0, out, 0, d);
        for (int i : periodic) {
            out[i] = y[i] - periods[i] * Math.rint((y[i] - x[i]) / periods[i]);
        }
    }

    private double length(double[] x, double[] v, double[] theta) {
        return Math.sqrt(2 * metric.energy(x, v, theta));
    }
}
