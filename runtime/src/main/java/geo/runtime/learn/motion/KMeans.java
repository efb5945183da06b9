package geo.runtime.learn.motion;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * k-means clustering (Lloyd's algorithm with k-means++ seeding, Arthur and Vassilvitskii 2007):
 * minimises Σᵢ min_k ‖xᵢ − c_k‖² by alternating nearest-centre assignment and centre = mean of its
 * points. Used for the centres of the RBF variance network (Arvanitidis, Hansen and Hauberg,
 * "Latent space oddity", ICLR 2018), as in the motion-skills code's {@code VAE.init_std}.
 */
public final class KMeans {

    /** Lloyd iterations at most. */
    public static final int MAX_ITERATIONS = 300;

    /** Whether the assignments stopped changing within the iteration limit. */
    public enum Status { CONVERGED, ITERATION_LIMIT }

    /**
     * @param centres    k centres, {@code centres[k]} of the points' dimension
     * @param assignment the centre of every point
     * @param inertia    Σᵢ ‖xᵢ − c_{a(i)}‖²
     */
    public record Result(Status status, double[][] centres, int[] assignment, double inertia, int iterations) {
    }

    private KMeans() {
    }

    /**
     * Clusters {@code points} (n ≥ k rows of one dimension) into k clusters from {@code seed}. An
     * empty cluster is re-seeded at the point farthest from its centre.
     */
    public static Result cluster(double[][] points, int k, long seed) {
        int n = points.length;
        if (k < 1 || n < k) {
            throw new IllegalArgumentException("k-means needs 1 ≤ k ≤ n, got k = " + k + " for n = " + n);
        }
        int dim = points[0].length;
        SplittableRandom random = new SplittableRandom(seed);
        double[][] c = new double[k][];
        c[0] = points[random.nextInt(n)].clone();
        double[] nearest = new double[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (int j = 1; j < k; j++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], squared(points[i], c[j - 1]));
                total += nearest[i];
            }
            double u = random.nextDouble() * total;
            int pick = n - 1;
            for (int i = 0; i < n; i++) {
                u -= nearest[i];
                if (u <= 0) {
                    pick = i;
                    break;
                }
            }
            c[j] = points[pick].clone();
        }
        int[] a = new int[n];
        Arrays.fill(a, -1);
        for (int it = 1; it <= MAX_ITERATIONS; it++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bd = Double.POSITIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    double dd = squared(points[i], c[j]);
                    if (dd < bd) {
                        bd = dd;
                        best = j;
                    }
                }
                if (a[i] != best) {
                    a[i] = best;
                    changed = true;
                }
            }
            double[][] sum = new double[k][dim];
            int[] count = new int[k];
            for (int i = 0; i < n; i++) {
                count[a[i]]++;
                for (int t = 0; t < dim; t++) {
                    sum[a[i]][t] += points[i][t];
                }
            }
            for (int j = 0; j < k; j++) {
                if (count[j] == 0) {
                    c[j] = points[farthest(points, c, a)].clone();
                    changed = true;
                } else {
                    for (int t = 0; t < dim; t++) {
                        c[j][t] = sum[j][t] / count[j];
                    }
                }
            }
            if (!changed) {
                return new Result(Status.CONVERGED, c, a, inertia(points, c, a), it);
            }
        }
        return new Result(Status.ITERATION_LIMIT, c, a, inertia(points, c, a), MAX_ITERATIONS);
    }

    private static int farthest(double[][] points, double[][] c, int[] a) {
        int best = 0;
        double bd = -1;
        for (int i = 0; i < points.length; i++) {
            double dd = squared(points[i], c[a[i]]);
            if (dd > bd) {
                bd = dd;
                best = i;
            }
        }
        return best;
    }

    private static double inertia(double[][] points, double[][] c, int[] a) {
        double s = 0;
        for (int i = 0; i < points.length; i++) {
            s += squared(points[i], c[a[i]]);
        }
        return s;
    }

    static double squared(double[] x, double[] y) {
        double s = 0;
        for (int t = 0; t < x.length; t++) {
            double d = x[t] - y[t];
            s += d * d;
        }
        return s;
    }
}
