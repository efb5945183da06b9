package geo.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.load.Model;
import geo.runtime.transport.CostMatrix;
import geo.runtime.transport.cost.CostMatrices;
import geo.runtime.transport.cost.CostResult;
import geo.runtime.transport.cost.EntryFailure;
import geo.runtime.transport.cost.SquaredGeodesicCost;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Squared-geodesic cost matrices with batch rows ({@link SquaredGeodesicCost.Options#batchRows()}:
 * each row's logarithms shot at once, each entry finished by the per-entry solver) against entry
 * by entry with warm starts along the rows: the same failed entries with the same statuses, the
 * other values within 2e-9 relative (both solves end within Newton's 1e-10 in coordinates; where
 * g ≤ (2/(1 − 0.6²))² ≈ 10 that is about 3e-10 of distance each, 6e-10 relative in d² of order 1),
 * the closed form within 1e-6, and 1 and 2 threads the same bits.
 */
class BatchCostRowsTest {

    private static final SquaredGeodesicCost.Options ROWS = SquaredGeodesicCost.Options.DEFAULTS.withBatchRows(true);
    private static final SquaredGeodesicCost.Options ENTRIES = SquaredGeodesicCost.Options.DEFAULTS
            .withBatchRows(false);

    @Test
    void poincareBatchRowsAgreeWithEntriesAndClosedForm() {
        Model m = GeometryOracles.model("poincare.geo");
        SplittableRandom random = new SplittableRandom(31);
        double[][] xs = new double[4][];
        double[][] ys = new double[50][];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = new double[] {random.nextDouble(-0.42, 0.42), random.nextDouble(-0.42, 0.42)};
        }
        for (int j = 0; j < ys.length; j++) {
            ys[j] = new double[] {random.nextDouble(-0.42, 0.42), random.nextDouble(-0.42, 0.42)};
        }
        double[] theta = new double[0];
        CostMatrix rows = built(CostMatrices.build(new SquaredGeodesicCost(m, ROWS), xs, ys, theta, 1));
        CostMatrix rows2 = built(CostMatrices.build(new SquaredGeodesicCost(m, ROWS), xs, ys, theta, 2));
        CostMatrix entries = built(CostMatrices.build(new SquaredGeodesicCost(m, ENTRIES), xs, ys, theta, 1));
        assertArrayEquals(rows.values(), rows2.values(), "1 and 2 threads must give the same bits");
        for (int i = 0; i < xs.length; i++) {
            for (int j = 0; j < ys.length; j++) {
                double e = entries.get(i, j);
                assertEquals(e, rows.get(i, j), 2e-9 * Math.max(1, e), "entry " + i + ", " + j);
                double dist = GeometryOracles.poincareDistance(xs[i], ys[j]);
                assertEquals(dist * dist, rows.get(i, j), 1e-6 * Math.max(1, dist * dist));
            }
        }
    }

    /**
     * A source outside the ball (every entry of its row OUTSIDE_DOMAIN) and one near the boundary
     * (INACCURATE at 64 steps without refinements): the same failures with batch rows.
     */
    @Test
    void failedEntriesKeepTheirStatus() {
        Model m = GeometryOracles.model("poincare.geo");
        double[][] xs = {{0.1, 0.2}, {1.2, 0.0}, {0.995, 0.0}};
        double[][] ys = {{0.2, -0.1}, {0.5, 0.5}, {0.3, 0.3}, {-0.5, -0.2}};
        double[] theta = new double[0];
        for (int refinements : new int[] {0, 2}) {
            CostResult.Failed a = (CostResult.Failed) CostMatrices.build(new SquaredGeodesicCost(m,
                    ENTRIES.withRefinements(refinements)), xs, ys, theta, 1);
            CostResult.Failed b = (CostResult.Failed) CostMatrices.build(new SquaredGeodesicCost(m,
                    ROWS.withRefinements(refinements)), xs, ys, theta, 1);
            assertEquals(a.counts(), b.counts());
            assertEquals(a.failures().size(), b.failures().size());
            for (int k = 0; k < a.failures().size(); k++) {
                EntryFailure x = a.failures().get(k);
                EntryFailure y = b.failures().get(k);
                assertEquals(x.row(), y.row());
                assertEquals(x.col(), y.col());
                assertEquals(x.status(), y.status());
            }
            assertTrue(a.failures().size() >= 4, a.summary());
        }
    }

    /** The sphere, φ periodic: targets across φ = ±π are reached through the nearest image. */
    @Test
    void sphereBatchRowsAgreeWithEntries() {
        Model m = GeometryOracles.model("sphere.geo");
        SplittableRandom random = new SplittableRandom(37);
        double[][] xs = new double[2][];
        double[][] ys = new double[30][];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = new double[] {random.nextDouble(0.5, 2.6), random.nextDouble(-3.1, 3.1)};
        }
        for (int j = 0; j < ys.length; j++) {
            ys[j] = new double[] {random.nextDouble(0.5, 2.6), random.nextDouble(-3.1, 3.1)};
        }
        double[] theta = m.defaultParameters();
        CostResult a = CostMatrices.build(new SquaredGeodesicCost(m, ENTRIES), xs, ys, theta, 1);
        CostResult b = CostMatrices.build(new SquaredGeodesicCost(m, ROWS), xs, ys, theta, 1);
        assertEquals(a.getClass(), b.getClass());
        if (a instanceof CostResult.Built built) {
            CostMatrix c = built.matrix();
            CostMatrix d = ((CostResult.Built) b).matrix();
            for (int k = 0; k < c.values().length; k++) {
                assertEquals(c.values()[k], d.values()[k], 2e-9 * Math.max(1, c.values()[k]), "entry " + k);
            }
        } else {
            assertEquals(((CostResult.Failed) a).counts(), ((CostResult.Failed) b).counts());
        }
    }

    private static CostMatrix built(CostResult r) {
        if (r instanceof CostResult.Failed f) {
            throw new AssertionError(f.summary());
        }
        return ((CostResult.Built) r).matrix();
    }
}
