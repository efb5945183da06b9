package geo.runtime.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

/**
 * Test fixture shared by the transport tests: random instances, and a duality certificate computed
 * here, independently of the solvers, from nothing but C, a, b, a plan and potentials u, v.
 *
 * <p>Linear programming duality (e.g. Peyré and Cuturi, "Computational optimal transport", 2019,
 * Prop. 2.4): a plan π with marginals a, b and potentials with u_i + v_j ≤ C_ij are both optimal
 * when Σ π_ij C_ij = Σ a_i u_i + Σ b_j v_j, equivalently when u_i + v_j = C_ij wherever π_ij &gt; 0
 * (complementary slackness).
 */
final class TransportOracle {

    private TransportOracle() {
    }

    /**
     * The certificate's measures, all absolute.
     *
     * @param primal          Σ π_ij C_ij
     * @param dual            Σ a_i u_i + Σ b_j v_j
     * @param marginalError   max over rows and columns of |Σ_j π_ij − a_i| and |Σ_i π_ij − b_j|
     * @param negativeMass    −min(0, min π_ij)
     * @param dualViolation   max(0, max_ij (u_i + v_j − C_ij))
     * @param slackness       max over entries with π_ij &gt; 0 of |C_ij − u_i − v_j|
     * @param costScale       max |C_ij| (1 if C = 0)
     * @param mass            Σ a_i
     */
    record Certificate(double primal, double dual, double marginalError, double negativeMass, double dualViolation,
                       double slackness, double costScale, double mass) {

        /**
         * |primal − dual| relative to max(|primal|, |dual|); an optimal cost below 1e-4 of mass · scale
         * (e.g. 0) is compared with that instead, since relative error means nothing there.
         */
        double relativeGap() {
            double denominator = Math.max(Math.max(Math.abs(primal), Math.abs(dual)), 1e-4 * mass * costScale);
            return Math.abs(primal - dual) / denominator;
        }

        /** Asserts optimality: every measure within rel of its scale (mass for marginals, cost scale for duals). */
        void assertOptimal(double rel, String what) {
            String s = what + ": " + this;
            assertTrue(marginalError <= rel * mass, "marginals " + s);
            assertTrue(negativeMass <= 0, "negative mass " + s);
            assertTrue(dualViolation <= rel * costScale, "dual feasibility " + s);
            assertTrue(slackness <= rel * costScale, "complementary slackness " + s);
            assertTrue(relativeGap() <= rel, "duality gap " + relativeGap() + " " + s);
        }
    }

    /** The certificate of (plan, u, v) for the problem (C, a, b). */
    static Certificate certificate(CostMatrix c, double[] a, double[] b, TransportPlan plan, double[] u, double[] v) {
        int n = c.rows();
        int m = c.cols();
        double[] rows = new double[n];
        double[] cols = new double[m];
        double primal = 0;
        double negative = 0;
        double slack = 0;
        for (int k = 0; k < plan.size(); k++) {
            int i = plan.from()[k];
            int j = plan.to()[k];
            double p = plan.mass()[k];
            rows[i] += p;
            cols[j] += p;
            primal += p * c.get(i, j);
            negative = Math.max(negative, -p);
            if (p > 0) {
                slack = Math.max(slack, Math.abs(c.get(i, j) - u[i] - v[j]));
            }
        }
        double marginal = 0;
        double dual = 0;
        double mass = 0;
        for (int i = 0; i < n; i++) {
            marginal = Math.max(marginal, Math.abs(rows[i] - a[i]));
            dual += a[i] * u[i];
            mass += a[i];
        }
        for (int j = 0; j < m; j++) {
            marginal = Math.max(marginal, Math.abs(cols[j] - b[j]));
            dual += b[j] * v[j];
        }
        double violation = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                violation = Math.max(violation, u[i] + v[j] - c.get(i, j));
            }
        }
        double scale = c.maxAbs() > 0 ? c.maxAbs() : 1;
        return new Certificate(primal, dual, marginal, negative, violation, slack, scale, mass);
    }

    /** Uniform weights 1/n. */
    static double[] uniform(int n) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0 / n);
        return w;
    }

    /**
     * An n × m cost matrix: integers in [0, range) when {@code integer}, else uniform reals in
     * [offset, offset + range).
     */
    static CostMatrix randomCosts(SplittableRandom random, int n, int m, boolean integer, double range, double offset) {
        double[] c = new double[n * m];
        for (int k = 0; k < c.length; k++) {
            c[k] = offset + (integer ? random.nextInt((int) range) : range * random.nextDouble());
        }
        return new CostMatrix(n, m, c);
    }

    /** Squared Euclidean costs between random points in the unit cube of dimension d. */
    static CostMatrix randomSquaredEuclidean(SplittableRandom random, int n, int m, int d) {
        double[][] x = points(random, n, d);
        double[][] y = points(random, m, d);
        double[] c = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    double t = x[i][k] - y[j][k];
                    s += t * t;
                }
                c[i * m + j] = s;
            }
        }
        return new CostMatrix(n, m, c);
    }

    static double[][] points(SplittableRandom random, int n, int d) {
        double[][] p = new double[n][d];
        for (double[] row : p) {
            for (int k = 0; k < d; k++) {
                row[k] = random.nextDouble();
            }
        }
        return p;
    }

    /** Random positive weights summing to 1, each zero with probability {@code zeros} (at least one positive). */
    static double[] randomWeights(SplittableRandom random, int n, double zeros) {
        double[] w = new double[n];
        double s = 0;
        for (int k = 0; k < n; k++) {
            w[k] = random.nextDouble() < zeros ? 0 : 0.1 + random.nextDouble();
            s += w[k];
        }
        if (s == 0) {
            w[random.nextInt(n)] = 1;
            s = 1;
        }
        for (int k = 0; k < n; k++) {
            w[k] /= s;
        }
        return w;
    }
}
