package geo.runtime.learn.motion;

/**
 * The measures of a reproduced motion against a demonstration (motion-skills spec §3e–f): the
 * discrete Fréchet distance (Eiter and Mannila 1994) and the dynamic-time-warping distance of the
 * positions in R², the mean geodesic angle of the orientations on S² along the DTW alignment, the
 * mean distance to the nearest training state, the path length, and the clearance of an obstacle.
 */
public final class Measures {

    private Measures() {
    }

    /**
     * The discrete Fréchet distance of polylines a and b: min over monotone couplings of the
     * largest ‖aᵢ − bⱼ‖, by the O(nm) dynamic programme.
     */
    public static double frechet(double[][] a, double[][] b) {
        int n = a.length;
        int m = b.length;
        double[] prev = new double[m];
        double[] cur = new double[m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double d = Math.sqrt(KMeans.squared(a[i], b[j]));
                double best;
                if (i == 0 && j == 0) {
                    best = d;
                } else if (i == 0) {
                    best = Math.max(cur[j - 1], d);
                } else if (j == 0) {
                    best = Math.max(prev[0], d);
                } else {
                    best = Math.max(Math.min(prev[j], Math.min(prev[j - 1], cur[j - 1])), d);
                }
                cur[j] = best;
            }
            double[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[m - 1];
    }

    /**
     * The alignment of dynamic time warping: the monotone coupling of a and b (steps (1,0), (0,1),
     * (1,1)) with the least total cost Σ ‖aᵢ − bⱼ‖ over its pairs.
     *
     * @param pairs the coupled index pairs, from (0, 0) to (n−1, m−1)
     * @param cost  the total cost
     */
    public record Alignment(int[][] pairs, double cost) {

        /** The mean cost per coupled pair (the DTW distance this package reports). */
        public double mean() {
            return cost / pairs.length;
        }
    }

    /** The DTW alignment of polylines a and b under the Euclidean distance. */
    public static Alignment dtw(double[][] a, double[][] b) {
        int n = a.length;
        int m = b.length;
        double[][] acc = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double d = Math.sqrt(KMeans.squared(a[i], b[j]));
                double best;
                if (i == 0 && j == 0) {
                    best = 0;
                } else if (i == 0) {
                    best = acc[0][j - 1];
                } else if (j == 0) {
                    best = acc[i - 1][0];
                } else {
                    best = Math.min(acc[i - 1][j - 1], Math.min(acc[i - 1][j], acc[i][j - 1]));
                }
                acc[i][j] = best + d;
            }
        }
        int[][] path = new int[n + m][];
        int len = 0;
        int i = n - 1;
        int j = m - 1;
        path[len++] = new int[] {i, j};
        while (i > 0 || j > 0) {
            if (i == 0) {
                j--;
            } else if (j == 0) {
                i--;
            } else {
                double diag = acc[i - 1][j - 1];
                double up = acc[i - 1][j];
                double left = acc[i][j - 1];
                if (diag <= up && diag <= left) {
                    i--;
                    j--;
                } else if (up <= left) {
                    i--;
                } else {
                    j--;
                }
            }
            path[len++] = new int[] {i, j};
        }
        int[][] pairs = new int[len][];
        for (int k = 0; k < len; k++) {
            pairs[k] = path[len - 1 - k];
        }
        return new Alignment(pairs, acc[n - 1][m - 1]);
    }

    /** The angle arccos(⟨u, v⟩) between unit vectors, the geodesic distance on S² (clamped against rounding). */
    public static double angle(double[] u, double[] v) {
        double c = 0;
        double nu = 0;
        double nv = 0;
        for (int k = 0; k < u.length; k++) {
            c += u[k] * v[k];
            nu += u[k] * u[k];
            nv += v[k] * v[k];
        }
        return Math.acos(Math.max(-1, Math.min(1, c / Math.sqrt(nu * nv))));
    }

    /** The mean angle between orientations qa[i] and qb[j] over the pairs of an alignment. */
    public static double meanAngle(double[][] qa, double[][] qb, Alignment alignment) {
        double s = 0;
        for (int[] p : alignment.pairs()) {
            s += angle(qa[p[0]], qb[p[1]]);
        }
        return s / alignment.pairs().length;
    }

    /** The mean over points of the Euclidean distance to the nearest of {@code reference}. */
    public static double meanNearest(double[][] points, double[][] reference) {
        double s = 0;
        for (double[] x : points) {
            double best = Double.POSITIVE_INFINITY;
            for (double[] r : reference) {
                best = Math.min(best, KMeans.squared(x, r));
            }
            s += Math.sqrt(best);
        }
        return s / points.length;
    }

    /** The length Σ ‖x_{i+1} − x_i‖ of a polyline. */
    public static double length(double[][] points) {
        double s = 0;
        for (int i = 1; i < points.length; i++) {
            s += Math.sqrt(KMeans.squared(points[i], points[i - 1]));
        }
        return s;
    }

    /** The least distance of the polyline (its segments, not only its vertices) from a point, a disc's centre. */
    public static double clearance(double[][] points, double[] centre) {
        double best = Math.sqrt(KMeans.squared(points[0], centre));
        for (int i = 1; i < points.length; i++) {
            double[] a = points[i - 1];
            double[] b = points[i];
            double dx = b[0] - a[0];
            double dy = b[1] - a[1];
            double len2 = dx * dx + dy * dy;
            double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((centre[0] - a[0]) * dx + (centre[1] - a[1]) * dy) / len2));
            best = Math.min(best, Math.hypot(a[0] + t * dx - centre[0], a[1] + t * dy - centre[1]));
        }
        return best;
    }
}
