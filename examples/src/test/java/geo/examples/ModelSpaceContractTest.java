package geo.examples;

import static geo.examples.GeometryOracles.model;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.bvp.Distances;
import geo.runtime.bvp.Shooting;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.manifold.PairDistance;
import geo.runtime.manifold.compiled.ModelSpace;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link ModelSpace}'s part of the {@code EmbeddingSpace.distance} contract (the runtime's
 * EmbeddingSpaceContractTest checks the spaces without a compiled model): a success is OK with a
 * finite value and finite, overwritten gradients; a failure is the status the solver's own
 * {@link geo.runtime.bvp.LogStatus} names, with the solve in the reason and no number to read.
 */
class ModelSpaceContractTest {

    /** poincare.geo with RK4 × 16 and 12 Newton iterations: too few for a pair that reaches 1e-8 from the boundary. */
    private static ModelSpace space() {
        return new ModelSpace(model("poincare.geo"), new ModelSpace.Options(GeodesicMethod.rk4(16),
                new Shooting.Options(1e-7, 12, 30, true), Distances.MESH, true, 1));
    }

    @Test
    void aSolvedPairIsOkWithFiniteGradients() {
        ModelSpace space = space();
        double[] theta = space.initialParameters();
        double[] x = {0.1, 0.2};
        double[] y = {0.3, -0.4};
        double[] gx = {Double.NaN, Double.NaN};
        double[] gy = {Double.NaN, Double.NaN};
        double[] gt = new double[theta.length];
        Arrays.fill(gt, Double.NaN);
        PairDistance r = space.distance(0, x, y, theta, gx, gy, gt);
        assertTrue(r.ok(), r.toString());
        assertEquals("", r.reason());
        assertEquals(GeometryOracles.poincareDistance(x, y), r.value(), 1e-5);
        for (double[] g : new double[][] {gx, gy, gt}) {
            assertTrue(Arrays.stream(g).allMatch(Double::isFinite), Arrays.toString(g));
        }
        assertEquals(r.value(), space.distance(0, x, y, theta).value(), 1e-9, "without gradients");
        PairDistance path = space.distanceFromPath(0, x, y, theta);
        assertTrue(path.ok(), path.toString());
        assertEquals(r.value(), path.value(), 1e-6 * r.value(), "from the path-energy guess");
    }

    @Test
    void aFailedSolveIsTheSolversStatusNotANumber() {
        ModelSpace space = space();
        double[] theta = space.initialParameters();
        double[] x = {0.1, 0.2};
        double[] y = {-0.99999999, 0};
        PairDistance r = space.distance(0, x, y, theta, new double[2], new double[2], new double[theta.length]);
        assertFalse(r.ok(), r.toString());
        assertFalse(space.lastLog().converged());
        assertEquals(ModelSpace.outcome(space.lastLog(), Double.NaN).status(), r.status());
        assertTrue(r.reason().contains(space.lastLog().toString()), r.reason());
        assertThrows(IllegalStateException.class, r::value);
        PairDistance alone = space.distance(0, x, y, theta);
        assertFalse(alone.ok(), "without gradients: " + alone);
        assertEquals(ModelSpace.outcome(space.lastLog(), Double.NaN).status(), alone.status());
    }
}
