package geo.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.emit.ModelEmitter;
import geo.compiler.source.SourceFile;
import geo.runtime.api.BatchAccelerationKernels;
import geo.runtime.api.BatchStepKernels;
import geo.runtime.geodesic.BatchExp;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.geodesic.Geodesics;
import geo.runtime.lanes.LaneSupport;
import geo.runtime.load.Model;
import geo.runtime.ode.IntegrationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link BatchExp} (RK4 steps of the whole batch by the vectorised {@code rk4StepBatch}) against
 * {@link Geodesics#exp} point by point: the same bits for every point, and for a point that
 * leaves the domain or starts outside it the status and step of the per-point exception, while
 * the other points of its batch are unaffected. 37 points: vector loops of 4 or 8 lanes and a
 * scalar tail.
 */
class BatchExpTest {

    private static final int N = 37;
    private static final GeodesicMethod RK4 = GeodesicMethod.rk4(50);

    @Test
    void vectorLoopsRunInTheTests() {
        assertTrue(LaneSupport.available(), "the tests run with --add-modules jdk.incubator.vector");
    }

    @Test
    void poincareBallEqualsPointByPoint() {
        compare("poincare.geo", 0.3, 0);
    }

    /** The sphere's spray calls sin and cos: lane by lane through Math, the same bits. */
    @Test
    void sphereEqualsPointByPoint() {
        compare("sphere.geo", 1.0, 1.5);
    }

    @Test
    void timeDependentLagrangianEqualsPointByPoint() {
        compare("timed.geo", 0.5, 0);
    }

    /**
     * Learned network metrics (issue 23) have no batch RK4 step: their batch exp takes RK4 stages
     * of the batch acceleration (BatchAccelerationKernels). Deep2 is explicit (its per-point step
     * is the fused rk4Step), Deep5 implicit (the batch system, then each point's Cholesky solve);
     * θ bent away from the near-Euclidean default as training bends it.
     */
    @Test
    void networkMetricsEqualPointByPoint() {
        for (String file : new String[] {"graph-embedding/deep2.geo", "graph-embedding/deep5.geo"}) {
            Model m = withBatchAcceleration(file);
            assertInstanceOf(BatchAccelerationKernels.class, m.acceleration(), file);
            compare(m, file, 1.0, 0, 0.3);
        }
        // Not emitted unless asked for (ModelEmitter.BATCH_ACCELERATION).
        assertFalse(GeometryOracles.model("graph-embedding/deep5.geo").acceleration() instanceof BatchAccelerationKernels);
    }

    /** {@code file} compiled with the batch acceleration ({@link ModelEmitter#BATCH_ACCELERATION}). */
    static Model withBatchAcceleration(String file) {
        System.setProperty(ModelEmitter.BATCH_ACCELERATION, "true");
        try {
            Path path = Path.of(System.getProperty("geo.examples.dir", ".")).resolve(file);
            return Compiler.compile(Frontend.checkFile(path).program(), SourceFile.read(path)).load().only();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            System.clearProperty(ModelEmitter.BATCH_ACCELERATION);
        }
    }

    private static void compare(String file, double spread, double center0) {
        Model m = GeometryOracles.model(file);
        assertInstanceOf(BatchStepKernels.class, m.acceleration(), file + " should have a batch step kernel");
        compare(m, file, spread, center0, 0);
    }

    /**
     * Points with coordinates in ±spread/2, coordinate 0 around {@code center0}; θ the default
     * plus bend·N(0, 1) in every entry.
     */
    private static void compare(Model m, String file, double spread, double center0, double bend) {
        int d = m.dimension();
        SplittableRandom random = new SplittableRandom(11);
        double[] theta = m.defaultParameters();
        for (int q = 0; q < theta.length && bend > 0; q++) {
            theta[q] += bend * gaussian(random);
        }
        double[] x = new double[d * N];
        double[] v = new double[d * N];
        for (int i = 0; i < d * N; i++) {
            x[i] = (i < N ? center0 : 0) + spread * (random.nextDouble() - 0.5);
            v[i] = spread * (random.nextDouble() - 0.5);
        }
        boolean ball = file.startsWith("poincare");
        if (ball) {
            // Point 5 leaves the unit ball; point 9 starts outside it.
            x[5] = 0.9;
            x[N + 5] = 0;
            v[5] = 40;
            v[N + 5] = 0;
            x[9] = 1.5;
        }
        double[] xEnd = new double[d * N];
        double[] vEnd = new double[d * N];
        BatchExp batch = new BatchExp(m.acceleration(), RK4);
        assertTrue(batch.batched());
        BatchExp.Result r = batch.exp(N, x, v, theta, xEnd, vEnd);
        Geodesics single = new Geodesics(m.acceleration(), RK4);
        for (int b = 0; b < N; b++) {
            double[] p = new double[d];
            double[] u = new double[d];
            for (int i = 0; i < d; i++) {
                p[i] = x[i * N + b];
                u[i] = v[i * N + b];
            }
            if (ball && b == 9) {
                assertEquals(BatchExp.Status.START_OUTSIDE_DOMAIN, r.status(b));
                continue;
            }
            try {
                single.exp(p, u, theta, p, u);
            } catch (IntegrationException e) {
                assertEquals(BatchExp.Status.LEFT_DOMAIN, r.status(b), "point " + b);
                assertEquals(IntegrationException.Reason.LEFT_DOMAIN, e.reason());
                BatchExp.Failure f = r.failures().get(0);
                assertEquals(e.steps(), f.steps());
                continue;
            }
            assertEquals(BatchExp.Status.OK, r.status(b), "point " + b);
            for (int i = 0; i < d; i++) {
                assertEquals(p[i], xEnd[i * N + b], 0.0, file + " point " + b + " x" + i);
                assertEquals(u[i], vEnd[i * N + b], 0.0, file + " point " + b + " v" + i);
            }
        }
        assertEquals(ball ? 2 : 0, r.failures().size(), r.failures().toString());
        // tryExp: the same bits for the points that succeed; the failures as the batch's check saw
        // them, the same statuses and steps here (point 5 leaves the ball), without integrating again.
        double[] xTry = new double[d * N];
        double[] vTry = new double[d * N];
        BatchExp.Result t = batch.tryExp(N, x, v, theta, xTry, vTry);
        assertEquals(r.failures().size(), t.failures().size(), t.failures().toString());
        for (int k = 0; k < r.failures().size(); k++) {
            assertEquals(r.failures().get(k).point(), t.failures().get(k).point());
            assertEquals(r.failures().get(k).status(), t.failures().get(k).status());
            assertEquals(r.failures().get(k).steps(), t.failures().get(k).steps());
        }
        for (int b = 0; b < N; b++) {
            if (r.status(b) == BatchExp.Status.OK) {
                for (int i = 0; i < d; i++) {
                    assertEquals(xEnd[i * N + b], xTry[i * N + b], 0.0, file + " point " + b + " x" + i);
                    assertEquals(vEnd[i * N + b], vTry[i * N + b], 0.0, file + " point " + b + " v" + i);
                }
            }
        }
    }

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
