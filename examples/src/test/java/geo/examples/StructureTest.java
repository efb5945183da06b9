package geo.examples;

import static geo.examples.GeometryOracles.model;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.api.AccelerationKernels;
import geo.runtime.api.ImplicitAcceleration;
import geo.runtime.api.StepKernels;
import geo.runtime.bvp.Distances;
import geo.runtime.bvp.Shooting;
import geo.runtime.geodesic.ExpTape;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.geodesic.Geodesics;
import geo.runtime.load.Model;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 23, the dimension: metric structure used above d = 4 ({@code SystemStructure}), the
 * factorisation shared by the JVPs of an implicit acceleration, forward-mode exp Jacobians, and
 * distances in d = 8 against the closed form of the Poincaré ball.
 */
class StructureTest {

    private static Model compile(String text) {
        SourceFile source = SourceFile.of("structure.geo", text);
        Frontend.Result r = Frontend.check(source);
        assertTrue(r.ok(), r.diagnostics().render());
        return Compiler.compile(r.program(), source).load().only();
    }

    /** The Poincaré ball in d dimensions (conformal: explicit above d = 4, with the fused RK4 step). */
    private static Model poincare(int d) {
        return compile("manifold P" + d + " {\n coords x[" + d + "] in ball(1);\n let l = 2 / (1 - dot(x, x));\n"
                + " metric g = l^2 * eye(" + d + ");\n}\n");
    }

    /**
     * A diagonal (not conformal) metric in d = 6 and one with 2×2 blocks, now explicit, against
     * the implicit system they would have solved: the spray equals g⁻¹ r with g and r from the
     * metric's own kernels and the cheap form, to 1e-13 relative. Here g = diag(1 + x_i²) and
     * r_i = ½ ∂_i g_ii v_i² − ∂_i g_ii v_i² = −x_i v_i² (each g_ii depends on x_i only).
     */
    @Test
    void diagonalAndBlockMetricsAreExplicitAndRight() {
        Model diag = compile("manifold D {\n coords x[6];\n metric g = diag([1 + x[0]^2, 1 + x[1]^2, 1 + x[2]^2, "
                + "1 + x[3]^2, 1 + x[4]^2, 1 + x[5]^2]);\n}\n");
        assertFalse(diag.acceleration() instanceof ImplicitAcceleration);
        assertTrue(diag.acceleration() instanceof StepKernels);
        SplittableRandom random = new SplittableRandom(3);
        double[] x = new double[6];
        double[] v = new double[6];
        double[] a = new double[6];
        for (int trial = 0; trial < 5; trial++) {
            for (int i = 0; i < 6; i++) {
                x[i] = random.nextDouble(-1, 1);
                v[i] = random.nextDouble(-1, 1);
            }
            diag.acceleration().acceleration(0, x, v, new double[0], a);
            for (int i = 0; i < 6; i++) {
                double expected = -x[i] * v[i] * v[i] / (1 + x[i] * x[i]);
                assertEquals(expected, a[i], 1e-13 * Math.max(1, Math.abs(expected)));
            }
        }
        // Two 2×2 blocks and a 1×1 one: a = g⁻¹ r with g from the metric kernel, r = g a checked
        // against the same model written densely (implicit), whose system is solved by Cholesky.
        String block = "[[2 + x[0]^2, x[0] * x[1], 0, 0, 0], [x[0] * x[1], 2 + x[1]^2, 0, 0, 0],"
                + " [0, 0, 3, sin(x[2]), 0], [0, 0, sin(x[2]), 3, 0], [0, 0, 0, 0, 1 + x[4]^2]]";
        Model blocks = compile("manifold B {\n coords x[5];\n metric g = " + block + ";\n}\n");
        Model dense = compile("manifold B {\n coords x[5];\n metric g = " + block
                + " + 1e-300 * [[0, 1, 1, 1, 1], [1, 0, 1, 1, 1], [1, 1, 0, 1, 1], [1, 1, 1, 0, 1], [1, 1, 1, 1, 0]];\n}\n");
        assertFalse(blocks.acceleration() instanceof ImplicitAcceleration);
        assertTrue(dense.acceleration() instanceof ImplicitAcceleration);
        double[] x5 = {0.3, -0.4, 0.7, 0.1, -0.6};
        double[] v5 = {0.5, 0.2, -0.3, 0.8, 0.4};
        double[] a1 = new double[5];
        double[] a2 = new double[5];
        blocks.acceleration().acceleration(0, x5, v5, new double[0], a1);
        dense.acceleration().acceleration(0, x5, v5, new double[0], a2);
        assertArrayEquals(a2, a1, 1e-13);
    }

    /** accelerationJvps of an implicit acceleration (one factorisation): the bits of separate JVPs. */
    @Test
    void sharedFactorisationGivesTheBitsOfSeparateJvps() {
        Model m = model("graph-embedding/deep5.geo");
        AccelerationKernels k = m.acceleration();
        assertTrue(k instanceof ImplicitAcceleration);
        double[] theta = ModelSpaceTest.bent(m, 5);
        int d = 5;
        int count = 3;
        SplittableRandom random = new SplittableRandom(11);
        double[] x = random.doubles(d, -0.5, 0.5).toArray();
        double[] v = random.doubles(d, -1, 1).toArray();
        double[] dx = random.doubles(d * count, -1, 1).toArray();
        double[] dv = random.doubles(d * count, -1, 1).toArray();
        double[] a = new double[d];
        double[] da = new double[d * count];
        k.accelerationJvps(0.2, x, v, theta, a, count, dx, dv, da);
        double[] single = new double[d];
        k.acceleration(0.2, x, v, theta, single);
        assertArrayEquals(single, a, 0.0);
        for (int j = 0; j < count; j++) {
            double[] cx = new double[d];
            double[] cv = new double[d];
            for (int i = 0; i < d; i++) {
                cx[i] = dx[i * count + j];
                cv[i] = dv[i * count + j];
            }
            k.accelerationJvp(0.2, x, v, theta, cx, cv, single);
            for (int i = 0; i < d; i++) {
                assertEquals(single[i], da[i * count + j], 0.0, "direction " + j);
            }
        }
    }

    /**
     * The forward-mode Jacobian of exp (one pass, d tangents) against d reverse passes of the
     * discrete adjoint, both exact for the computed map: equal to 1e-12 relative, for a fused RK4
     * tape (Poincaré, d = 6), an implicit acceleration (deep5) with RK4 and with DOPRI5.
     */
    @Test
    void forwardJacobianEqualsTheReversePasses() {
        Model deep = model("graph-embedding/deep5.geo");
        double[] theta = ModelSpaceTest.bent(deep, 5);
        check(poincare(6), new double[0], GeodesicMethod.rk4(20), 0.3);
        check(deep, theta, GeodesicMethod.rk4(20), 0.5);
        check(deep, theta, GeodesicMethod.dopri5(1e-9, 1e-9), 0.5);
    }

    private static void check(Model m, double[] theta, GeodesicMethod method, double scale) {
        int d = m.dimension();
        Geodesics g = new Geodesics(m.acceleration(), method);
        SplittableRandom random = new SplittableRandom(d);
        double[] x = random.doubles(d, -scale, scale).toArray();
        double[] v = random.doubles(d, -scale, scale).toArray();
        ExpTape tape = g.forward(x, v, theta);
        double[] forward = new double[d * d];
        tape.positionJacobian(forward);
        double[] unit = new double[d];
        double[] xBar = new double[d];
        double[] vBar = new double[d];
        double max = 0;
        for (double e : forward) {
            max = Math.max(max, Math.abs(e));
        }
        for (int i = 0; i < d; i++) {
            Arrays.fill(unit, 0);
            unit[i] = 1;
            tape.backward(unit, null, xBar, vBar, null);
            for (int k = 0; k < d; k++) {
                assertEquals(vBar[k], forward[i * d + k], 1e-12 * max, m.name() + " " + method + " J[" + i + "][" + k + "]");
            }
        }
    }

    /**
     * Distances on the Poincaré ball in d = 8 (explicit by structure, Broyden updates by default)
     * against the closed form d(x, y) = arcosh(1 + 2|x − y|² / ((1 − |x|²)(1 − |y|²))): 1e-9 relative
     * with DOPRI5 at 1e-12, as {@code geo dist} solves them, with the status CONVERGED and the
     * accuracy check passed.
     */
    @Test
    void poincareDistancesInEightDimensionsMatchTheClosedForm() {
        int d = 8;
        Model m = poincare(d);
        Distances distances = new Distances(m, GeodesicMethod.dopri5(1e-12, 1e-12), Shooting.Options.DEFAULT);
        SplittableRandom random = new SplittableRandom(8);
        for (int pair = 0; pair < 4; pair++) {
            double[] x = random.doubles(d, -0.25, 0.25).toArray();
            double[] y = random.doubles(d, -0.25, 0.25).toArray();
            Distances.Distance r = distances.distance(x, y, new double[0]);
            assertTrue(r.log().converged(), r.log().toString());
            double xx = 0;
            double yy = 0;
            double diff = 0;
            for (int i = 0; i < d; i++) {
                xx += x[i] * x[i];
                yy += y[i] * y[i];
                diff += (x[i] - y[i]) * (x[i] - y[i]);
            }
            double z = 1 + 2 * diff / ((1 - xx) * (1 - yy));
            double exact = Math.log(z + Math.sqrt(z * z - 1));
            assertEquals(exact, r.value(), 1e-9 * exact, "pair " + pair);
        }
    }
}
