package geo.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.api.ImplicitAcceleration;
import geo.runtime.bvp.Distances;
import geo.runtime.bvp.Shooting;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.load.Model;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 23: Newton's matrix from a coarse RK4 discretisation ({@link Shooting.Options#jacobianSteps()},
 * the default for implicit accelerations; forward differences of the coarse map, Broyden-updated
 * between fresh ones) gives the distances of exact Jacobians, to the shooting tolerance, without
 * computing an exact Jacobian on these instances.
 */
class CoarseNewtonTest {

    private static Model compile(String text) {
        SourceFile source = SourceFile.of("coarse.geo", text);
        Frontend.Result r = Frontend.check(source);
        assertTrue(r.ok(), r.diagnostics().render());
        return Compiler.compile(r.program(), source).load().only();
    }

    /** The fixed invertible map A = I + B of the pulled-back ball, row-major d×d. */
    private static double[] map(int d) {
        SplittableRandom random = new SplittableRandom(23);
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                // Six decimals, so that the model's literal is exactly this number.
                a[i * d + j] = Math.rint(1e6 * ((i == j ? 1 : 0) + random.nextDouble(-0.2, 0.2))) / 1e6;
            }
        }
        return a;
    }

    /**
     * The Poincaré ball pulled back by a dense linear map: g(x) = λ(Ax)² AᵀA with λ(z) = 2/(1 − |z|²).
     * Its metric is dense (no structure: implicit kernels, Cholesky per stage) and its distance is
     * the ball's, d(x, y) = arcosh(1 + 2|Ax − Ay|² / ((1 − |Ax|²)(1 − |Ay|²))).
     */
    private static String pulledBackBall(int d, double[] a) {
        StringBuilder m = new StringBuilder("[");
        for (int i = 0; i < d; i++) {
            m.append(i == 0 ? "[" : ", [");
            for (int j = 0; j < d; j++) {
                m.append(j == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6f", a[i * d + j]));
            }
            m.append(']');
        }
        m.append(']');
        return "manifold Pulled" + d + " {\n  coords x[" + d + "];\n  let A = " + m + ";\n  let z = A * x;\n"
                + "  let l = 2 / (1 - dot(z, z));\n  metric g = l^2 * (A' * A);\n}\n";
    }

    private static double ballDistance(double[] a, double[] x, double[] y) {
        int d = x.length;
        double zz = 0;
        double ww = 0;
        double diff = 0;
        for (int i = 0; i < d; i++) {
            double z = 0;
            double w = 0;
            for (int j = 0; j < d; j++) {
                z += a[i * d + j] * x[j];
                w += a[i * d + j] * y[j];
            }
            zz += z * z;
            ww += w * w;
            diff += (z - w) * (z - w);
        }
        double c = 1 + 2 * diff / ((1 - zz) * (1 - ww));
        return Math.log(c + Math.sqrt(c * c - 1));
    }

    /**
     * d = 6, DOPRI5 at 1e-12 as {@code geo dist} solves: with the default options every distance
     * converges, passes the accuracy check, matches the closed form to 1e-9 relative and the
     * exact-Jacobian solve to 1e-10 relative, with coarse matrices only (no exact Jacobian).
     */
    @Test
    void coarseNewtonMatrixGivesTheClosedFormOnADenseMetric() {
        int d = 6;
        double[] a = map(d);
        Model m = compile(pulledBackBall(d, a));
        assertTrue(m.acceleration() instanceof ImplicitAcceleration, "the test needs a dense (implicit) metric");
        GeodesicMethod method = GeodesicMethod.dopri5(1e-12, 1e-12);
        Distances coarse = new Distances(m, method, Shooting.Options.DEFAULT);
        Distances exact = new Distances(m, method, Shooting.Options.DEFAULT.withJacobianSteps(0));
        SplittableRandom random = new SplittableRandom(6);
        for (int pair = 0; pair < 4; pair++) {
            double[] x = random.doubles(d, -0.2, 0.2).toArray();
            double[] y = random.doubles(d, -0.2, 0.2).toArray();
            agree(coarse, exact, a, x, y, pair);
        }
        assertEquals(0, coarse.shooting().exactJacobians(), "no exact Jacobian on these pairs");
        assertTrue(coarse.shooting().coarseJacobians() > 0);
        assertEquals(0, exact.shooting().coarseJacobians());
    }

    /**
     * A Newton matrix far from the Jacobian (one RK4 step, refined to two and four) on pairs near
     * the boundary of the pulled-back ball, where the geodesics bend: the solve still converges
     * to the closed form (1e-9 relative), by refinement and, where that does not suffice, exact
     * Jacobians.
     */
    @Test
    void aPoorCoarseMatrixIsRefinedOrReplacedAndTheDistanceIsStillRight() {
        // d = 5: a dense metric in d ≤ 4 is one small block, solved explicitly.
        int d = 5;
        double[] a = map(d);
        Model m = compile(pulledBackBall(d, a));
        assertTrue(m.acceleration() instanceof ImplicitAcceleration, "the test needs a dense (implicit) metric");
        Distances coarse = new Distances(m, GeodesicMethod.dopri5(1e-12, 1e-12),
                Shooting.Options.DEFAULT.withJacobianSteps(1));
        SplittableRandom random = new SplittableRandom(4);
        for (int pair = 0; pair < 4; pair++) {
            double[] x = random.doubles(d, -0.35, 0.35).toArray();
            double[] y = random.doubles(d, -0.35, 0.35).toArray();
            Distances.Distance c = coarse.distance(x, y, new double[0]);
            assertTrue(c.converged(), c.log().toString());
            double closed = ballDistance(a, x, y);
            assertEquals(closed, c.value(), 1e-9 * closed, "pair " + pair);
        }
        assertTrue(coarse.shooting().coarseJacobians() > 0);
    }

    /**
     * Pairs far apart (d = 8, coordinates up to ±0.3, so that Newton damps its first steps): the
     * Broyden-updated coarse matrices take fewer fresh matrices than Newton steps, and every
     * distance still matches the closed form to 1e-9 relative and the exact-Jacobian solve to
     * 1e-10 relative.
     */
    @Test
    void updatedCoarseMatricesSaveFreshOnesAndKeepTheAccuracy() {
        int d = 8;
        double[] a = map(d);
        Model m = compile(pulledBackBall(d, a));
        assertTrue(m.acceleration() instanceof ImplicitAcceleration, "the test needs a dense (implicit) metric");
        GeodesicMethod method = GeodesicMethod.dopri5(1e-12, 1e-12);
        Distances coarse = new Distances(m, method, Shooting.Options.DEFAULT);
        Distances exact = new Distances(m, method, Shooting.Options.DEFAULT.withJacobianSteps(0));
        SplittableRandom random = new SplittableRandom(8);
        long steps = 0;
        for (int pair = 0; pair < 3; pair++) {
            double[] x = random.doubles(d, -0.3, 0.3).toArray();
            double[] y = random.doubles(d, -0.3, 0.3).toArray();
            steps += agree(coarse, exact, a, x, y, pair);
        }
        assertEquals(0, coarse.shooting().exactJacobians(), "no exact Jacobian on these pairs");
        assertTrue(coarse.shooting().coarseJacobians() < steps,
                coarse.shooting().coarseJacobians() + " fresh coarse matrices for " + steps + " Newton steps");
    }

    /**
     * Pairs near the pulled-back ball's boundary (|Ax| = |Ay| = 0.9, 120° apart), whose
     * geodesics bend towards the middle: the coarse map's logarithm is solved first
     * ({@code CoarsePhase}), the adaptive map's Newton iteration starts from it, and every
     * distance matches the closed form to 1e-9 relative without an exact Jacobian.
     */
    @Test
    void farBentPairsSolvedByTheCoarsePhaseFirstMatchTheClosedForm() {
        int d = 5;
        double[] a = map(d);
        Model m = compile(pulledBackBall(d, a));
        Distances coarse = new Distances(m, GeodesicMethod.dopri5(1e-12, 1e-12), Shooting.Options.DEFAULT);
        SplittableRandom random = new SplittableRandom(50);
        for (int pair = 0; pair < 2; pair++) {
            // z = Ax and w = Ay at radius 0.9, 120° apart: the geodesic bulges towards the centre.
            double[] u = random.doubles(d, -1, 1).toArray();
            double[] w = random.doubles(d, -1, 1).toArray();
            double nu = Math.sqrt(dot(u, u));
            for (int i = 0; i < d; i++) {
                u[i] /= nu;
            }
            double uw = dot(u, w);
            for (int i = 0; i < d; i++) {
                w[i] -= uw * u[i];
            }
            double nw = Math.sqrt(dot(w, w));
            double[] zx = new double[d];
            double[] zy = new double[d];
            double angle = 2 * Math.PI / 3;
            for (int i = 0; i < d; i++) {
                zx[i] = 0.9 * u[i];
                zy[i] = 0.9 * (Math.cos(angle) * u[i] + Math.sin(angle) * w[i] / nw);
            }
            double[] x = preimage(a, zx);
            double[] y = preimage(a, zy);
            Distances.Distance c = coarse.distance(x, y, new double[0]);
            assertTrue(c.converged(), c.log().toString());
            double closed = ballDistance(a, x, y);
            assertEquals(closed, c.value(), 1e-9 * closed, "pair " + pair);
        }
        // These pairs are solved from the straight line by the 16-step map (the continuation along
        // the path of least energy is exercised by ScaleProfile's network metric at d = 50, too
        // slow for a test).
        assertTrue(coarse.shooting().coarseShots() > 0, "the coarse phase ran");
        assertEquals(0, coarse.shooting().exactJacobians(), "no exact Jacobian on these pairs");
    }

    private static double dot(double[] p, double[] q) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += p[i] * q[i];
        }
        return s;
    }

    /** A⁻¹ z. */
    private static double[] preimage(double[] a, double[] z) {
        double[] x = z.clone();
        assertTrue(geo.runtime.linalg.Dense.solve(a.clone(), x, z.length));
        return x;
    }

    /**
     * The coarse and the exact solve of one pair both converge, the coarse one to the closed form
     * (1e-9 relative) and to the exact one (1e-10 relative); returns the coarse solve's Newton steps.
     */
    private static int agree(Distances coarse, Distances exact, double[] a, double[] x, double[] y, int pair) {
        Distances.Distance c = coarse.distance(x, y, new double[0]);
        Distances.Distance e = exact.distance(x, y, new double[0]);
        assertTrue(c.converged(), c.log().toString());
        assertTrue(e.converged(), e.log().toString());
        double closed = ballDistance(a, x, y);
        assertEquals(closed, c.value(), 1e-9 * closed, "pair " + pair);
        assertEquals(e.value(), c.value(), 1e-10 * closed, "pair " + pair);
        return c.log().iterations();
    }
}
