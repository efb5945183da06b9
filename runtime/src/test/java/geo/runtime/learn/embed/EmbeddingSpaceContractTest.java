package geo.runtime.learn.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.bvp.LogResult;
import geo.runtime.bvp.LogStatus;
import geo.runtime.manifold.EmbeddingSpace;
import geo.runtime.manifold.PairDistance;
import geo.runtime.manifold.PairDistance.Status;
import geo.runtime.manifold.RefinableSpace;
import geo.runtime.manifold.closed.CircleArc;
import geo.runtime.manifold.closed.Euclidean;
import geo.runtime.manifold.closed.Lorentz;
import geo.runtime.manifold.closed.PoincareBall;
import geo.runtime.manifold.closed.Sphere;
import geo.runtime.manifold.compiled.ModelSpace;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link EmbeddingSpace#distance}: a success is {@link Status#OK} with a finite
 * value and finite gradients, all three gradient arrays overwritten; a failure is a failure
 * status with a reason and no number ({@link PairDistance#value()} throws), the same from the
 * distance-only call. Checked for every implementation the runtime has without a compiled model
 * (closed forms, {@link ShorterGeodesic}, the test spaces, the interfaces' defaults);
 * {@code ModelSpace}'s is checked in the examples module, where models are compiled.
 */
class EmbeddingSpaceContractTest {

    @Test
    void closedFormsReportSuccessWithFiniteGradientsAndFailureAsAStatus() {
        assertSuccess(new Euclidean(2), 0, new double[] {0.3, -1}, new double[] {2, 0.5});
        assertFailure(new Euclidean(2), 0, new double[] {1e200, 0}, new double[] {-1e200, 0}, Status.NOT_FINITE);
        assertFailure(new Euclidean(2), 0, new double[] {Double.NaN, 0}, new double[] {0, 0}, Status.NOT_FINITE);

        assertSuccess(new PoincareBall(3), 0, new double[] {0.1, 0.2, -0.3}, new double[] {-0.5, 0.1, 0.4});
        assertFailure(new PoincareBall(3), 0, new double[] {0.8, 0.7, 0}, new double[] {0, 0, 0}, Status.UNDEFINED);

        assertSuccess(new Lorentz(3), 0, new double[] {1, -2, 0.5}, new double[] {-3, 0.2, 1});
        assertFailure(new Lorentz(3), 0, new double[] {Double.NaN, 0, 0}, new double[] {1, 0, 0}, Status.NOT_FINITE);
        assertFailure(new Lorentz(2), 0, new double[] {1e200, 0}, new double[] {-1e200, 0}, Status.NOT_FINITE);

        assertSuccess(new Sphere(2, 1.7), 0, new double[] {1, 0.2, 0}, new double[] {0, 1, 0.3});
        assertFailure(new Sphere(2), 0, new double[] {0, 0, 0}, new double[] {0, 1, 0}, Status.UNDEFINED);
        assertFailure(new Sphere(1), 0, new double[] {1, 0}, new double[] {-2, 0}, Status.UNDEFINED);

        assertSuccess(new CircleArc(10), 0, new double[] {1}, new double[] {8});
        assertFailure(new CircleArc(10), 0, new double[] {Double.POSITIVE_INFINITY}, new double[] {8}, Status.NOT_FINITE);
    }

    /** Coincident points: d = 0 is a success, with zero gradients (not a failure, not NaN). */
    @Test
    void coincidentPointsAreASuccessWithZeroGradients() {
        for (EmbeddingSpace s : new EmbeddingSpace[] {new Euclidean(2), new PoincareBall(2), new Lorentz(2)}) {
            double[] gx = {Double.NaN, Double.NaN};
            double[] gy = {Double.NaN, Double.NaN};
            PairDistance r = s.distance(0, new double[] {0.3, 0.4}, new double[] {0.3, 0.4}, new double[0], gx, gy,
                    new double[0]);
            assertEquals(0, r.value(), 0, s.name());
            assertEquals("[0.0, 0.0][0.0, 0.0]", Arrays.toString(gx) + Arrays.toString(gy), s.name());
        }
    }

    /** A test space with θ: a success away from x = y, and NOT_FINITE at x = y (where its gradients are 0/0). */
    @Test
    void aSpaceWithParametersReportsItsGradientsNotFinite() {
        var map = new EmbedFixtures.LinearMap(2);
        assertSuccess(map, 0, new double[] {0.3, -1}, new double[] {2, 0.5});
        assertFailure(map, 0, new double[] {0.3, -1}, new double[] {0.3, -1}, Status.NOT_FINITE);
    }

    /**
     * {@link ShorterGeodesic}: its wrapped space's success and failure pass through (with the
     * failure's own status), and once a pair of an evaluation has failed the others are SKIPPED
     * until the next evaluation.
     */
    @Test
    void theShorterGeodesicPassesFailuresOnAndSkipsAfterOne() {
        ShorterGeodesic space = new ShorterGeodesic(new FailingAbove(10), 20);
        double[] x = {0.3, -1};
        double[] y = {2, 0.5};
        space.beginEvaluation();
        assertSuccess(space, 0, x, y);
        space.verifyNext(true);
        assertSuccess(space, 1, x, y);
        space.verifyNext(false);
        // (once: a second call of pair 12 in this evaluation is SKIPPED too)
        assertFailure(space, 12, x, y, Status.NOT_CONVERGED, false);
        assertFailure(space, 2, x, y, Status.SKIPPED);
        space.beginEvaluation();
        assertSuccess(space, 2, x, y);
    }

    /** The defaults: no path guess is NO_GUESS; a chained solve is the pair's own outcome. */
    @Test
    void theDefaultsAreOutcomesToo() {
        FailingAbove space = new FailingAbove(10);
        double[] x = {0.3, -1};
        double[] y = {2, 0.5};
        PairDistance path = space.distanceFromPath(0, x, y, new double[0]);
        assertEquals(Status.NO_GUESS, path.status());
        assertThrows(IllegalStateException.class, path::value);
        assertEquals(Math.hypot(1.7, 1.5), space.distanceFrom(1, 0, x, y, new double[0]).value(), 1e-14);
        assertEquals(Status.NOT_CONVERGED, space.distanceFrom(11, 0, x, y, new double[0]).status());
    }

    /** The record itself: no value for a failure, no failure without a status; and the solver's statuses mapped ({@link ModelSpace#outcome}). */
    @Test
    void anOutcomeCarriesAValueOnlyWhenOk() {
        assertThrows(IllegalArgumentException.class, () -> new PairDistance(Status.OK, Double.NaN, ""));
        assertThrows(IllegalArgumentException.class, () -> new PairDistance(Status.OK, Double.POSITIVE_INFINITY, ""));
        assertThrows(IllegalArgumentException.class, () -> new PairDistance(Status.NOT_CONVERGED, 1, "x"));
        assertThrows(IllegalArgumentException.class, () -> PairDistance.failed(Status.OK, "x"));
        assertEquals(-1, PairDistance.failed(Status.UNDEFINED, "x").valueOr(-1));
        assertEquals(2.5, PairDistance.of(2.5).valueOr(-1));
        assertEquals(Status.OK, ModelSpace.outcome(log(LogStatus.CONVERGED), 1).status());
        assertEquals(Status.NOT_FINITE, ModelSpace.outcome(log(LogStatus.CONVERGED), Double.NaN).status());
        assertEquals(Status.NOT_CONVERGED, ModelSpace.outcome(log(LogStatus.MAX_ITERATIONS), Double.NaN).status());
        assertEquals(Status.NOT_CONVERGED, ModelSpace.outcome(log(LogStatus.SINGULAR_JACOBIAN), Double.NaN).status());
        assertEquals(Status.NOT_CONVERGED, ModelSpace.outcome(log(LogStatus.NO_PROGRESS), Double.NaN).status());
        assertEquals(Status.INACCURATE, ModelSpace.outcome(log(LogStatus.INACCURATE), Double.NaN).status());
        PairDistance notMinimal = ModelSpace.outcome(log(LogStatus.NOT_MINIMAL), Double.NaN);
        assertEquals(Status.NOT_MINIMAL, notMinimal.status());
        assertTrue(notMinimal.reason().contains("NOT_MINIMAL after 7 iterations"), notMinimal.reason());
    }

    private static LogResult log(LogStatus status) {
        return new LogResult(status, 7, 1e-3, "");
    }

    /** The success half of the contract at (x, y): OK, finite d ≥ 0, every gradient entry written and finite. */
    static void assertSuccess(EmbeddingSpace space, int pair, double[] x, double[] y) {
        double[] theta = space.initialParameters();
        double[] gx = nans(space.dimension());
        double[] gy = nans(space.dimension());
        double[] gTheta = nans(space.parameterCount());
        PairDistance r = space.distance(pair, x, y, theta, gx, gy, gTheta);
        String what = space.name() + " pair " + pair + ": " + r;
        assertEquals(Status.OK, r.status(), what);
        assertTrue(r.ok() && r.value() >= 0 && Double.isFinite(r.value()), what);
        assertEquals("", r.reason(), what);
        for (double[] g : new double[][] {gx, gy, gTheta}) {
            assertTrue(Arrays.stream(g).allMatch(Double::isFinite), what + ": gradient " + Arrays.toString(g));
        }
        assertEquals(r, space.distance(pair, x, y, theta), what + ", without gradients");
    }

    /** The failure half: the expected failure status, a reason, and no number to read, with and without gradients. */
    static void assertFailure(EmbeddingSpace space, int pair, double[] x, double[] y, Status expected) {
        assertFailure(space, pair, x, y, expected, expected != Status.NOT_FINITE);
    }

    /** As above; {@code again}: whether the distance-only call must give the same status. */
    static void assertFailure(EmbeddingSpace space, int pair, double[] x, double[] y, Status expected, boolean again) {
        double[] theta = space.initialParameters();
        PairDistance r = space.distance(pair, x, y, theta, new double[space.dimension()], new double[space.dimension()],
                new double[space.parameterCount()]);
        String what = space.name() + " pair " + pair + ": " + r;
        assertEquals(expected, r.status(), what);
        assertFalse(r.ok(), what);
        assertNotEquals("", r.reason(), what);
        assertThrows(IllegalStateException.class, r::value, what);
        if (again) {
            // (not for NOT_FINITE: it may come from the gradients alone, which the distance-only call need not compute)
            assertEquals(expected, space.distance(pair, x, y, theta).status(), what + ", without gradients");
        }
    }

    private static double[] nans(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    /**
     * A warm-started, refinable Euclidean plane whose pairs with index above {@code limit} do not
     * converge; it has no path guess and no chained solve of its own (the interfaces' defaults).
     */
    private record FailingAbove(int limit) implements EmbedFixtures.Plane, RefinableSpace {
        private static final Euclidean FLAT = new Euclidean(2);

        @Override
        public PairDistance distance(int pair, double[] x, double[] y, double[] theta, double[] gx, double[] gy,
                                     double[] gTheta) {
            return pair > limit ? PairDistance.failed(Status.NOT_CONVERGED, "pair " + pair + " is above " + limit)
                    : FLAT.distance(pair, x, y, theta, gx, gy, gTheta);
        }

        @Override
        public RefinableSpace refined(int level) {
            return this;
        }

        @Override
        public String resolution() {
            return "exact";
        }
    }
}
