package geo.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.api.DomainException;
import geo.runtime.bvp.Batch;
import geo.runtime.bvp.BatchDistances;
import geo.runtime.bvp.BatchShooting;
import geo.runtime.bvp.Distances;
import geo.runtime.bvp.LogStatus;
import geo.runtime.bvp.Shooting;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.load.Model;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@link BatchDistances} (logarithms by batched shooting, each distance finished and certified by
 * the per-pair solver) against {@link Batch#distances} (the per-pair solver from the straight
 * line): the same status for every pair, distances within 1e-9 relative, and on the Poincaré ball
 * the closed form d = arccosh(1 + 2|x − y|² / ((1 − |x|²)(1 − |y|²))) within the method's
 * tolerance. 70 pairs: one full chunk of 64 and a tail of 6.
 */
class BatchDistancesTest {

    private static final int PAIRS = 70;
    private static final GeodesicMethod RK4 = GeodesicMethod.rk4(100);

    @Test
    void poincareBallRk4AgreesWithPerPairAndClosedForm() {
        Model m = GeometryOracles.model("poincare.geo");
        double[][][] pairs = ballPairs(2, 0.85, 3);
        Batch.Result batch = compare(m, RK4, pairs, 1);
        for (int k = 0; k < PAIRS; k++) {
            double exact = GeometryOracles.poincareDistance(pairs[0][k], pairs[1][k]);
            assertEquals(exact, batch.distances()[k], 1e-6 * Math.max(1, exact), "pair " + k);
        }
    }

    /** d = 5: the batch kernel's vector loop and difference Jacobians of 5 columns. */
    @Test
    void poincareBall5Rk4AgreesWithPerPair() {
        Model m = GeometryOracles.model("poincare5.geo");
        double[][][] pairs = ballPairs(5, 0.7, 5);
        Batch.Result batch = compare(m, RK4, pairs, 1);
        for (int k = 0; k < PAIRS; k++) {
            double exact = GeometryOracles.poincareDistance(pairs[0][k], pairs[1][k]);
            assertEquals(exact, batch.distances()[k], 1e-6 * Math.max(1, exact), "pair " + k);
        }
    }

    /** DOPRI5: the batch (RK4, 64 steps) gives the per-pair DOPRI5 Newton its first guess. */
    @Test
    void dopri5UsesTheBatchAsFirstGuess() {
        Model m = GeometryOracles.model("poincare.geo");
        double[][][] pairs = ballPairs(2, 0.8, 7);
        Batch.Result batch = compare(m, GeodesicMethod.dopri5(1e-12, 1e-12), pairs, 1);
        for (int k = 0; k < PAIRS; k++) {
            double exact = GeometryOracles.poincareDistance(pairs[0][k], pairs[1][k]);
            assertEquals(exact, batch.distances()[k], 1e-9 * Math.max(1, exact), "pair " + k);
        }
    }

    /**
     * Pairs near the boundary of the ball, where the error estimate in the metric fails (INACCURATE)
     * with 40 RK4 steps: the batch reports the per-pair statuses, and some pairs are not OK.
     */
    @Test
    void inaccurateAndFailedPairsKeepTheirStatus() {
        Model m = GeometryOracles.model("poincare.geo");
        double[][][] pairs = ballPairs(2, 0.995, 13);
        Batch.Result batch = compare(m, GeodesicMethod.rk4(40), pairs, 1);
        assertTrue(batch.failures() > 0, "some pairs near the boundary should fail the accuracy check");
    }

    /** The sphere, φ periodic: pairs across φ = ±π go to the nearest image, pairs near antipodes too. */
    @Test
    void sphereWithPeriodicCoordinateAgreesWithPerPair() {
        Model m = GeometryOracles.model("sphere.geo");
        SplittableRandom random = new SplittableRandom(17);
        int n = 30;
        double[][][] pairs = new double[2][n][];
        for (int k = 0; k < n; k++) {
            pairs[0][k] = new double[] {0.3 + 2.5 * random.nextDouble(), -3.1 + 6.2 * random.nextDouble()};
            pairs[1][k] = new double[] {0.3 + 2.5 * random.nextDouble(), -3.1 + 6.2 * random.nextDouble()};
        }
        Batch.Result batch = compare(m, RK4, pairs, 1);
        for (int k = 0; k < n; k++) {
            if (!batch.failed(k)) {
                double[] a = pairs[0][k];
                double[] b = pairs[1][k];
                double exact = Math.acos(Math.cos(a[0]) * Math.cos(b[0])
                        + Math.sin(a[0]) * Math.sin(b[0]) * Math.cos(a[1] - b[1]));
                assertEquals(exact, batch.distances()[k], 1e-6 * Math.max(1, exact), "pair " + k);
            }
        }
    }

    @Test
    void oneAndTwoThreadsGiveTheSameBits() {
        Model m = GeometryOracles.model("poincare.geo");
        double[][][] pairs = ballPairs(2, 0.85, 19);
        Supplier<BatchDistances> f = () -> new BatchDistances(m, RK4, Shooting.Options.DEFAULT);
        Batch.Result one = BatchDistances.distances(f, pairs[0], pairs[1], m.defaultParameters(), 1, k -> { });
        Batch.Result two = BatchDistances.distances(f, pairs[0], pairs[1], m.defaultParameters(), 2, k -> { });
        assertArrayEquals(one.distances(), two.distances());
        for (int k = 0; k < PAIRS; k++) {
            assertEquals(one.logs()[k], two.logs()[k]);
        }
    }

    /** A point outside the domain is the same exception as pair by pair. */
    @Test
    void pointOutsideTheDomainThrowsAsPerPair() {
        Model m = GeometryOracles.model("poincare.geo");
        double[][][] pairs = ballPairs(2, 0.5, 23);
        pairs[1][40] = new double[] {1.2, 0};
        Supplier<BatchDistances> f = () -> new BatchDistances(m, RK4, Shooting.Options.DEFAULT);
        assertThrows(DomainException.class,
                () -> BatchDistances.distances(f, pairs[0], pairs[1], m.defaultParameters(), 1, k -> { }));
    }

    /** The batch Newton alone converges every pair of the ball to the per-pair tolerance. */
    @Test
    void batchShootingConvergesOnTheBall() {
        Model m = GeometryOracles.model("poincare.geo");
        double[][][] pairs = ballPairs(2, 0.85, 29);
        BatchDistances solver = new BatchDistances(m, RK4, Shooting.Options.DEFAULT);
        assertTrue(solver.batched() && BatchShooting.supports(m.acceleration()));
        double[] values = new double[PAIRS];
        var logs = new geo.runtime.bvp.LogResult[PAIRS];
        solver.distances(pairs[0], pairs[1], m.defaultParameters(), 0, PAIRS, values, logs, k -> { });
        assertEquals(PAIRS, solver.batchConverged());
        assertEquals(0, solver.fallbacks());
        for (var r : logs) {
            assertEquals(LogStatus.CONVERGED, r.status());
        }
        // Finished from the batch's logarithms: one shot per pair, no Newton step, no exact Jacobian.
        assertEquals(PAIRS, solver.perPair().shooting().shots());
        assertEquals(0, solver.perPair().shooting().exactJacobians());
    }

    /**
     * Warm starts: from the logarithms of a first solve every pair converges at once (no Newton
     * step), to the same bits; a non-finite warm start starts from the straight line.
     */
    @Test
    void batchShootingWarmStarts() {
        Model m = GeometryOracles.model("poincare.geo");
        double[][][] pairs = ballPairs(2, 0.7, 41);
        double[] x = new double[2 * PAIRS];
        double[] y = new double[2 * PAIRS];
        for (int b = 0; b < PAIRS; b++) {
            for (int i = 0; i < 2; i++) {
                x[i * PAIRS + b] = pairs[0][b][i];
                y[i * PAIRS + b] = pairs[1][b][i];
            }
        }
        BatchShooting shooting = new BatchShooting(m.acceleration(), RK4, Shooting.Options.DEFAULT);
        double[] v = new double[2 * PAIRS];
        var cold = shooting.log(PAIRS, x, y, m.defaultParameters(), v, false);
        double[] again = v.clone();
        again[0] = Double.NaN;
        var warm = shooting.log(PAIRS, x, y, m.defaultParameters(), again, true);
        for (int b = 0; b < PAIRS; b++) {
            assertEquals(LogStatus.CONVERGED, cold[b].status());
            assertEquals(LogStatus.CONVERGED, warm[b].status());
            assertEquals(b == 0 ? cold[0].iterations() : 0, warm[b].iterations(), "pair " + b);
            assertEquals(v[b], again[b], 0, "pair " + b);
            assertEquals(v[PAIRS + b], again[PAIRS + b], 0, "pair " + b);
        }
    }

    /**
     * Both paths on the same pairs: every status equal, every converged distance within 1e-9
     * relative; returns the batch's result.
     */
    private static Batch.Result compare(Model m, GeodesicMethod method, double[][][] pairs, int threads) {
        double[] theta = m.defaultParameters();
        Batch.Result perPair = Batch.distances(() -> new Distances(m, method, Shooting.Options.DEFAULT), pairs[0],
                pairs[1], theta, threads);
        Batch.Result batch = BatchDistances.distances(() -> new BatchDistances(m, method, Shooting.Options.DEFAULT),
                pairs[0], pairs[1], theta, threads, k -> { });
        for (int k = 0; k < pairs[0].length; k++) {
            assertEquals(perPair.logs()[k].status(), batch.logs()[k].status(), "pair " + k + ": " + perPair.logs()[k]
                    + " vs " + batch.logs()[k]);
            if (perPair.logs()[k].converged()) {
                double a = perPair.distances()[k];
                assertEquals(a, batch.distances()[k], 1e-9 * Math.max(1, a), "pair " + k);
            }
        }
        assertEquals(perPair.failures(), batch.failures());
        return batch;
    }

    /** Pairs with both points uniform in the ball of radius r (by rejection). */
    private static double[][][] ballPairs(int d, double r, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][][] out = new double[2][PAIRS][];
        for (int s = 0; s < 2; s++) {
            for (int k = 0; k < PAIRS; k++) {
                double[] p = new double[d];
                double n2;
                do {
                    n2 = 0;
                    for (int i = 0; i < d; i++) {
                        p[i] = r * (2 * random.nextDouble() - 1);
                        n2 += p[i] * p[i];
                    }
                } while (n2 >= r * r);
                out[s][k] = p;
            }
        }
        return out;
    }
}
