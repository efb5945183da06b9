package geo.runtime.transport;

import java.util.Arrays;

/**
 * Exact optimal transport between two uniform measures of n points each: the linear assignment
 * problem min_σ Σ_i C[i][σ(i)] over permutations σ, solved by shortest augmenting paths.
 *
 * <p><b>Algorithm.</b> Jonker and Volgenant's shortest augmenting path method (R. Jonker, A.
 * Volgenant, "A shortest augmenting path algorithm for dense and sparse linear assignment
 * problems", Computing 38 (1987) 325–340) in the form of D. F. Crouse, "On implementing 2D
 * rectangular assignment algorithms", IEEE Trans. Aerospace and Electronic Systems 52 (2016)
 * 1679–1696, Algorithm 4 — the algorithm SciPy's {@code linear_sum_assignment} implements. Dual
 * potentials u (rows) and v (columns) with reduced costs r_ij = C_ij − u_i − v_j ≥ 0 and r = 0 on
 * the matched pairs are kept throughout. Initialisation: each row takes its cheapest column in
 * reduced cost, u_i = min_j (C_ij − v_j), when that column is still free (v = the column minima
 * min_i C_ij on a cold start, the given v0 on a warm start), followed by two rounds of Jonker and
 * Volgenant's augmenting row reduction, which settle most conflicts between rows wanting the same
 * column by auction-like steps in O(n) each. Each remaining free row is then matched by one
 * Dijkstra search on the reduced costs from that row to the nearest free column (ties prefer free
 * columns, which matters for integer costs), after which the potentials of the scanned rows and
 * columns are shifted by their distances (Crouse, eqs. 22–23) and the path is augmented. Every
 * free row ends matched, so the search never fails on finite costs. O(n³) in the worst case;
 * beyond C only a few arrays of length n. Row-major loops over C throughout.
 *
 * <p><b>Potentials and the transport scaling.</b> The returned plan has mass 1/n on each pair
 * (i, σ(i)) and cost = Σ_i C[i][σ(i)] / n. The returned u and v are the potentials of the
 * <em>assignment</em> problem, not scaled by 1/n: u_i + v_j ≤ C_ij for all i, j with equality on
 * the assignment. With the weights a_i = b_j = 1/n of the transport problem they are also its dual
 * solution, since Σ_i a_i u_i + Σ_j b_j v_j = (1/n) Σ_i (u_i + v_σ(i)) = (1/n) Σ_i C[i][σ(i)] = cost.
 *
 * <p><b>Certificate.</b> The status is {@link OtStatus#OPTIMAL} only after a final check, in one
 * O(n²) pass, that σ is a permutation, every reduced cost is ≥ −τ and every matched reduced cost is
 * within τ of 0, and Σ u_i + Σ v_j is within n·τ of Σ C[i][σ(i)], where τ =
 * {@value #CERTIFICATE_TOLERANCE} · max|C| (1 if C = 0). This proves the total cost optimal to
 * within 2n·τ. A result that fails the check (it has not been seen to) has status
 * {@link OtStatus#FAILED}. {@code iterations} counts the Dijkstra searches
 * (augmentations), that is the rows the initialisation left unmatched.
 *
 * <p>No argument is modified.
 */
public final class Assignment {

    /** τ relative to max|C|: reduced costs ≥ −τ, matched ones within τ of 0. */
    public static final double CERTIFICATE_TOLERANCE = 1e-11;

    /** Rounds of augmenting row reduction after the greedy initialisation, as in LAPJV. */
    private static final int REDUCTION_ROUNDS = 2;

    private Assignment() {
    }

    /**
     * The optimal assignment of a square cost matrix, cold start (v = column minima).
     *
     * @throws IllegalArgumentException if C is not square
     */
    public static ExactResult solve(CostMatrix c) {
        requireSquare(c);
        int n = c.rows();
        double[] cv = c.values();
        double[] v = Arrays.copyOf(cv, n);
        for (int i = 1; i < n; i++) {
            int base = i * n;
            for (int j = 0; j < n; j++) {
                double x = cv[base + j];
                if (x < v[j]) {
                    v[j] = x;
                }
            }
        }
        return run(c, v);
    }

    /**
     * The optimal assignment, warm-started from dual potentials (typically those of a previous
     * solve on a nearby cost matrix: in a test on 300 points, costs perturbed by 1e-5, 1–3
     * augmentations instead of 54–75 cold). v0 is used as the initial column potentials; u0 is only checked
     * for length and finiteness, because the best row potentials for given v are u_i = min_j (C_ij − v_j),
     * which the initialisation computes. Any finite v0 gives the optimum — the Dijkstra phase only
     * relies on the matched rows, whose potentials the initialisation makes feasible — but a v0 far
     * from the optimal v leaves more rows to augment. If v0 is so large that rounding spoils the
     * certificate, the problem is solved again from a cold start.
     *
     * @throws IllegalArgumentException if C is not square, or u0, v0 have the wrong length or a non-finite entry
     */
    public static ExactResult solve(CostMatrix c, double[] u0, double[] v0) {
        requireSquare(c);
        int n = c.rows();
        requirePotentials("u0", u0, n);
        requirePotentials("v0", v0, n);
        ExactResult r = run(c, v0.clone());
        return r.status() == OtStatus.OPTIMAL ? r : solve(c);
    }

    private static void requireSquare(CostMatrix c) {
        if (c.rows() != c.cols()) {
            throw new IllegalArgumentException("the assignment solver needs as many sources as targets (uniform weights, n = m), got a "
                    + c.rows() + " × " + c.cols() + " cost matrix; use NetworkSimplex for n ≠ m");
        }
    }

    private static void requirePotentials(String name, double[] p, int n) {
        if (p.length != n) {
            throw new IllegalArgumentException("warm start " + name + " has " + p.length + " entries, the cost matrix needs " + n);
        }
        for (int k = 0; k < n; k++) {
            if (!Double.isFinite(p[k])) {
                throw new IllegalArgumentException("warm start " + name + "[" + k + "] is " + p[k] + "; potentials must be finite");
            }
        }
    }

    /** Greedy initialisation from column potentials v (modified), then one augmentation per free row. */
    private static ExactResult run(CostMatrix c, double[] v) {
        int n = c.rows();
        double[] cv = c.values();
        double[] u = new double[n];
        int[] col4row = new int[n];
        int[] row4col = new int[n];
        Arrays.fill(row4col, -1);
        int[] free = new int[n];
        int nFree = 0;
        for (int i = 0; i < n; i++) {
            int base = i * n;
            double best = Double.POSITIVE_INFINITY;
            int bj = 0;
            for (int j = 0; j < n; j++) {
                double r = cv[base + j] - v[j];
                if (r < best) {
                    best = r;
                    bj = j;
                }
            }
            u[i] = best;
            if (row4col[bj] < 0) {
                row4col[bj] = i;
                col4row[i] = bj;
            } else {
                col4row[i] = -1;
                free[nFree++] = i;
            }
        }
        for (int round = 0; round < REDUCTION_ROUNDS && nFree > 0; round++) {
            nFree = augmentingRowReduction(cv, n, free, nFree, u, v, col4row, row4col);
        }
        Search s = new Search(n);
        for (int k = 0; k < nFree; k++) {
            s.augment(cv, n, free[k], u, v, col4row, row4col);
        }
        return result(c, u, v, col4row, nFree);
    }

    /**
     * One round of Jonker and Volgenant's augmenting row reduction (1987, section 4): a free row i
     * with cheapest reduced value u1 at column j1 and second cheapest u2 takes j1, whose potential
     * drops by u2 − u1 so that u_i = u2 keeps every reduced cost of row i ≥ 0; on a tie it takes the
     * second column instead when that keeps the previous owner. The row displaced from j1 is
     * reduced next when the potential dropped, else left for the next round. Lowering v_j only
     * raises the reduced costs of the other matched rows, so the invariant of the Dijkstra phase
     * holds. The number of steps is capped at n per round.
     *
     * @return the number of free rows left, at the start of {@code free}
     */
    private static int augmentingRowReduction(double[] cv, int n, int[] free, int nFree, double[] u, double[] v,
                                              int[] col4row, int[] row4col) {
        int current = 0;
        int left = 0;
        int steps = 0;
        while (current < nFree) {
            int i = free[current++];
            int base = i * n;
            double u1 = Double.POSITIVE_INFINITY;
            double u2 = Double.POSITIVE_INFINITY;
            int j1 = -1;
            int j2 = -1;
            for (int j = 0; j < n; j++) {
                double r = cv[base + j] - v[j];
                if (r < u2) {
                    if (r < u1) {
                        u2 = u1;
                        j2 = j1;
                        u1 = r;
                        j1 = j;
                    } else {
                        u2 = r;
                        j2 = j;
                    }
                }
            }
            int owner = row4col[j1];
            boolean lowered = j2 >= 0 && u1 < u2 && ++steps <= n;
            if (lowered) {
                v[j1] -= u2 - u1;
            } else if (owner >= 0 && j2 >= 0 && u1 == u2) {
                j1 = j2;
                owner = row4col[j2];
            }
            if (owner >= 0) {
                if (lowered) {
                    free[--current] = owner;
                } else {
                    free[left++] = owner;
                }
                col4row[owner] = -1;
            }
            col4row[i] = j1;
            row4col[j1] = i;
            u[i] = cv[base + j1] - v[j1];
        }
        return left;
    }

    /** Work arrays of the Dijkstra searches, allocated once per solve. */
    private static final class Search {
        final double[] dist;
        final double[] settled;
        final double[] prices;
        final int[] path;
        final int[] scannedRows;
        final int[] scannedCols;

        Search(int n) {
            dist = new double[n];
            settled = new double[n];
            prices = new double[n];
            path = new int[n];
            scannedRows = new int[n];
            scannedCols = new int[n];
        }

        /**
         * Crouse's Algorithm 4, steps 2–4: Dijkstra from free row {@code start} over the columns
         * on reduced costs until a free column is reached; then update the potentials and augment.
         * The scan runs over all columns in order (sequential, bounds-check friendly loads) rather
         * than over a list of unscanned ones: a scanned column gets price −∞ in a copy of v, so its
         * reduced cost is +∞ and it neither improves nor becomes the minimum (its tentative
         * distance is reset to +∞ and its final one kept in {@code settled}).
         */
        void augment(double[] cv, int n, int start, double[] u, double[] v, int[] col4row, int[] row4col) {
            double[] dist = this.dist;
            double[] prices = this.prices;
            int[] path = this.path;
            System.arraycopy(v, 0, prices, 0, n);
            Arrays.fill(dist, Double.POSITIVE_INFINITY);
            int nRows = 0;
            int nCols = 0;
            double minVal = 0;
            int i = start;
            int sink = -1;
            while (sink < 0) {
                scannedRows[nRows++] = i;
                int base = i * n;
                double offset = minVal - u[i];
                double lowest = Double.POSITIVE_INFINITY;
                int index = -1;
                for (int j = 0; j < n; j++) {
                    double r = offset + cv[base + j] - prices[j];
                    double d = dist[j];
                    if (r < d) {
                        path[j] = i;
                        dist[j] = r;
                        d = r;
                    }
                    // Ties prefer a free column: the search ends sooner (Crouse, section IV).
                    if (d < lowest || (d == lowest && row4col[j] < 0)) {
                        lowest = d;
                        index = j;
                    }
                }
                minVal = lowest;
                int j = index;
                if (row4col[j] < 0) {
                    sink = j;
                } else {
                    i = row4col[j];
                }
                settled[j] = lowest;
                scannedCols[nCols++] = j;
                prices[j] = Double.NEGATIVE_INFINITY;
                dist[j] = Double.POSITIVE_INFINITY;
            }
            // Potentials (Crouse eqs. 22–23): keep reduced costs ≥ 0 and 0 on the matched pairs.
            u[start] += minVal;
            for (int k = 1; k < nRows; k++) {
                int r = scannedRows[k];
                u[r] += minVal - settled[col4row[r]];
            }
            for (int k = 0; k < nCols; k++) {
                int j = scannedCols[k];
                v[j] -= minVal - settled[j];
            }
            // Augment along the shortest path back to the start row.
            int j = sink;
            while (true) {
                int r = path[j];
                row4col[j] = r;
                int previous = col4row[r];
                col4row[r] = j;
                j = previous;
                if (r == start) {
                    break;
                }
            }
        }
    }

    /** Checks the certificate and builds the result; FAILED if it does not hold. */
    private static ExactResult result(CostMatrix c, double[] u, double[] v, int[] col4row, int augmentations) {
        int n = c.rows();
        double[] cv = c.values();
        double scale = c.maxAbs() > 0 ? c.maxAbs() : 1;
        double tol = CERTIFICATE_TOLERANCE * scale;
        boolean ok = true;
        boolean[] seen = new boolean[n];
        double total = 0;
        double dual = 0;
        for (int i = 0; i < n; i++) {
            int j = col4row[i];
            if (j < 0 || seen[j]) {
                // Every augmentation ends at a free column, so this is a bug, not a user error.
                throw new IllegalStateException("assignment solver left row " + i + " without a distinct column");
            }
            seen[j] = true;
            total += cv[i * n + j];
            dual += u[i] + v[i];
        }
        // Σ u + Σ v = Σ C[i][σ(i)] (the dual objective) also catches potentials so large that the
        // reduced costs below lose all their digits.
        ok = Math.abs(dual - total) <= n * tol;
        for (int i = 0; i < n && ok; i++) {
            int base = i * n;
            double ui = u[i];
            int j = col4row[i];
            if (Math.abs(cv[base + j] - ui - v[j]) > tol) {
                ok = false;
            }
            for (int jj = 0; jj < n; jj++) {
                if (cv[base + jj] - ui - v[jj] < -tol) {
                    ok = false;
                    break;
                }
            }
        }
        int[] from = new int[n];
        double[] mass = new double[n];
        for (int i = 0; i < n; i++) {
            from[i] = i;
            mass[i] = 1.0 / n;
        }
        TransportPlan plan = new TransportPlan(n, n, from, col4row.clone(), mass);
        return new ExactResult(ok ? OtStatus.OPTIMAL : OtStatus.FAILED, total / n, plan, u, v, col4row, augmentations);
    }
}
