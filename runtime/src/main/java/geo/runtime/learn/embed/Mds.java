package geo.runtime.learn.embed;

import geo.runtime.data.graph.ShortestPaths;
import geo.runtime.manifold.EmbeddingSpace;
import geo.runtime.manifold.RiemannianSpace;
import java.util.SplittableRandom;

/**
 * A deterministic start for an embedding: classical multidimensional scaling of the graph
 * distances (Torgerson 1952; Cox &amp; Cox, "Multidimensional Scaling", 2nd ed., 2001, ch. 2),
 * carried into the space by its exponential map at the origin.
 *
 * <p>With D² the squared graph distances and J = I − 11ᵀ/n, B = −½ J D² J is the Gram matrix of
 * the centred points when the distances are Euclidean; its top k eigenpairs (λ_a, u_a) give the
 * coordinates y_i = (√λ_a u_a,i)_a (negative λ give 0). The eigenpairs are found by block power
 * iteration on B + cI, with c = max_i Σ_j |B_ij| (Gershgorin's bound, so every eigenvalue of the
 * shifted matrix is ≥ 0 and the largest of B come first even when B has large negative ones, as
 * tree metrics do), orthonormalised by Gram–Schmidt after every product, from a seeded start.
 *
 * <p>In a {@link RiemannianSpace} (the Poincaré ball, the hyperboloid, whose origin is the zero
 * vector) node i is placed at exp_0(y_i) scaled to unit speed: at distance |y_i| from the origin in
 * the space's own metric, so graph distance 1 is length 1 there and the layout reaches into the
 * curved region of the space as far as the graph is large. Elsewhere the coordinates are y_i,
 * then {@link EmbeddingSpace#project}ed. Memory n² doubles.
 */
final class Mds {

    /** Block power iterations. */
    static final int ITERATIONS = 300;

    private Mds() {
    }

    /** The top {@code k} classical-MDS coordinates of the graph's nodes (n × k). */
    static double[][] coordinates(ShortestPaths target, int k, long seed) {
        int n = target.nodeCount();
        double[] b = new double[n * n];
        double[] rowMean = new double[n];
        double all = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double d = target.distance(i, j);
                b[i * n + j] = d * d;
                rowMean[i] += d * d / n;
            }
            all += rowMean[i] / n;
        }
        double shift = 0;
        for (int i = 0; i < n; i++) {
            double row = 0;
            for (int j = 0; j < n; j++) {
                b[i * n + j] = -0.5 * (b[i * n + j] - rowMean[i] - rowMean[j] + all);
                row += Math.abs(b[i * n + j]);
            }
            shift = Math.max(shift, row);
        }
        int m = Math.min(k, n);
        double[][] q = new double[m][n];
        SplittableRandom random = new SplittableRandom(seed);
        for (double[] col : q) {
            for (int i = 0; i < n; i++) {
                col[i] = random.nextDouble() - 0.5;
            }
        }
        orthonormalise(q);
        double[][] next = new double[m][n];
        for (int it = 0; it < ITERATIONS; it++) {
            for (int a = 0; a < m; a++) {
                multiply(b, shift, q[a], next[a], n);
            }
            double[][] t = q;
            q = next;
            next = t;
            orthonormalise(q);
        }
        double[][] y = new double[n][k];
        for (int a = 0; a < m; a++) {
            multiply(b, 0, q[a], next[a], n);
            double lambda = 0;
            for (int i = 0; i < n; i++) {
                lambda += q[a][i] * next[a][i];
            }
            double f = Math.sqrt(Math.max(lambda, 0));
            for (int i = 0; i < n; i++) {
                y[i][a] = f * q[a][i];
            }
        }
        return y;
    }

    /** The MDS layout placed in {@code space} as described in the class comment (n × dimension). */
    static double[][] layout(ShortestPaths target, EmbeddingSpace space, long seed) {
        return layout(target, space, seed, 1);
    }

    /** The layout at speed {@code c}: graph distance 1 is length c (c = 1: as in the class comment). */
    static double[][] layout(ShortestPaths target, EmbeddingSpace space, long seed, double c) {
        int dim = space.dimension();
        double[][] y = coordinates(target, dim, seed);
        for (double[] p : y) {
            for (int a = 0; a < dim; a++) {
                p[a] *= c;
            }
            if (space instanceof RiemannianSpace r) {
                double norm = 0;
                for (double v : p) {
                    norm += v * v;
                }
                norm = Math.sqrt(norm);
                double[] origin = new double[dim];
                if (norm > 0) {
                    // at the origin G⁻¹y has squared length yᵀG⁻¹y = |y|²/λ² for a conformal G = λ²I: u = y/λ has length |y|
                    double[] g = p.clone();
                    double inverse = r.riemannianGradient(origin, g);
                    double f = Math.sqrt(inverse) / norm;
                    for (int a = 0; a < dim; a++) {
                        p[a] *= f;
                    }
                    r.exponential(origin, p);
                }
                System.arraycopy(origin, 0, p, 0, dim);
            } else {
                space.project(p);
            }
        }
        return y;
    }

    /** out = (B + shift·I) v. */
    private static void multiply(double[] b, double shift, double[] v, double[] out, int n) {
        for (int i = 0; i < n; i++) {
            double s = shift * v[i];
            for (int j = 0; j < n; j++) {
                s += b[i * n + j] * v[j];
            }
            out[i] = s;
        }
    }

    /** Modified Gram–Schmidt on the columns (a column that vanishes is left at 0). */
    private static void orthonormalise(double[][] q) {
        for (int a = 0; a < q.length; a++) {
            for (int c = 0; c < a; c++) {
                double dot = 0;
                for (int i = 0; i < q[a].length; i++) {
                    dot += q[a][i] * q[c][i];
                }
                for (int i = 0; i < q[a].length; i++) {
                    q[a][i] -= dot * q[c][i];
                }
            }
            double norm = 0;
            for (double v : q[a]) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            if (norm > 0) {
                for (int i = 0; i < q[a].length; i++) {
                    q[a][i] /= norm;
                }
            }
        }
    }
}
