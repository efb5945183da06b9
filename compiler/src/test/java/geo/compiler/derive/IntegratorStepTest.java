package geo.compiler.derive;

import static geo.compiler.testing.Vectors.axpy;
import static geo.compiler.testing.Vectors.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.interp.Bindings;
import geo.compiler.interp.Program;
import geo.compiler.ir.Dag;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.lower.LoweredModel;
import geo.compiler.testing.Lowered;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fused RK4 step against the same step assembled from four interpreted accelerations in the
 * runtime's order (the same bits), and its VJP against central finite
 * differences of the interpreted step (step 1e-6, agreement to 1e-7 relative).
 */
class IntegratorStepTest {

    private static final String DEEP = "manifold D {\n coords x[2];\n param W[4, 2] ~ normal(0, 1);\n"
            + " param b[4] = 0;\n let h = tanh(W * x + b);\n"
            + " let L = [[exp(h[0]), 0], [h[1] + h[2], exp(h[3])]];\n metric g = L * L' + 1e-3 * eye(2);\n}\n";
    private static final String TIMED = "manifold RotatingWell {\n coords q[2];\n param k = 1.5;\n"
            + " param omega = 0.7;\n lagrangian L(v, t) = 0.5 * v' * v"
            + " - 0.5 * k * (q[0] * cos(omega * t) + q[1] * sin(omega * t))^2;\n}\n";

    private NodeFactory f;

    private LoweredModel lower(String src) {
        f = new NodeFactory();
        return Lowered.firstManifold(src, f);
    }

    private Spray spray(LoweredModel m) {
        return m.metric() != null ? new MetricGeometry(f, m).spray() : new EulerLagrange(f, m).acceleration();
    }

    @Test
    void metricStepMatchesFourAccelerations() {
        checkStep(DEEP, 3);
    }

    @Test
    void timeDependentStepEvaluatesStagesAtTheirTimes() {
        checkStep(TIMED, 4);
    }

    @Test
    void vjpMatchesFiniteDifferences() {
        for (String src : new String[] {DEEP, TIMED}) {
            LoweredModel m = lower(src);
            IntegratorStep step = new IntegratorStep(f, m);
            Spray s = spray(m);
            IntegratorStep.Stages stages = step.rk4Stages(s);
            Program map = Program.compile(stages.step());
            Program vjp = Program.compile(step.vjp(stages, new Kernels(f, m).accelerationVjp(s)));
            int d = m.dimension();
            int p = m.params().size();
            Random rnd = new Random(17);
            for (int trial = 0; trial < 10; trial++) {
                double t = rnd.nextDouble();
                double h = 0.05 + 0.2 * rnd.nextDouble();
                double[] x = random(rnd, d, 0.5);
                double[] v = random(rnd, d, 1);
                double[] th = m.params().initialValues(trial).clone();
                double[] dx = random(rnd, d, 1);
                double[] dv = random(rnd, d, 1);
                double[] dth = random(rnd, p, 1);
                double[] bar = random(rnd, 2 * d, 1);
                double[] in = inputs(d, p, h);
                System.arraycopy(bar, 0, in, InputRole.X_END_BAR.offset(layout(d, p)), 2 * d);
                double[] g = vjp.evaluate(new Bindings().time(t).coords(x).velocities(v).params(th).inputs(in));
                double eps = 1e-6;
                double[] plus = map.evaluate(new Bindings().time(t).coords(axpy(x, eps, dx)).velocities(axpy(v, eps, dv))
                        .params(axpy(th, eps, dth)).inputs(inputs(d, p, h)));
                double[] minus = map.evaluate(new Bindings().time(t).coords(axpy(x, -eps, dx))
                        .velocities(axpy(v, -eps, dv)).params(axpy(th, -eps, dth)).inputs(inputs(d, p, h)));
                double fd = 0;
                for (int i = 0; i < 2 * d; i++) {
                    fd += bar[i] * (plus[i] - minus[i]) / (2 * eps);
                }
                double ad = 0;
                for (int i = 0; i < d; i++) {
                    ad += g[i] * dx[i] + g[d + i] * dv[i];
                }
                for (int i = 0; i < p; i++) {
                    ad += g[2 * d + i] * dth[i];
                }
                assertEquals(fd, ad, 1e-7 * Math.max(1, Math.abs(fd)), "directional derivative, trial " + trial);
            }
        }
    }

    /**
     * The VJP split at its residuals, fed the residuals the forward pass computes, equals the VJP
     * that recomputes them bit for bit (the split keeps every operation); and the split VJP
     * reads x, v and the residuals, never the acceleration's own intermediate values.
     */
    @Test
    void theSplitVjpReadingResidualsEqualsTheVjp() {
        for (String src : new String[] {DEEP, TIMED}) {
            LoweredModel m = lower(src);
            IntegratorStep step = new IntegratorStep(f, m);
            Spray s = spray(m);
            IntegratorStep.Stages stages = step.rk4Stages(s);
            Node[] accelerationVjp = new Kernels(f, m).accelerationVjp(s);
            IntegratorStep.Recorded rec = step.record(stages, accelerationVjp);
            assertTrue(rec.residuals().length > 0);
            Node[] wholeVjp = step.vjp(stages, accelerationVjp);
            Program whole = Program.compile(wholeVjp);
            Program residuals = Program.compile(rec.residuals());
            Program split = Program.compile(rec.vjp());
            int d = m.dimension();
            Random rnd = new Random(23);
            for (int trial = 0; trial < 10; trial++) {
                double t = rnd.nextDouble();
                double[] x = random(rnd, d, 0.5);
                double[] v = random(rnd, d, 1);
                double[] th = m.params().initialValues(trial);
                int p = m.params().size();
                double[] in = inputs(d, p, 0.1);
                double[] bar = random(rnd, 2 * d, 1);
                System.arraycopy(bar, 0, in, InputRole.X_END_BAR.offset(layout(d, p)), 2 * d);
                double[] thetaBarIn = random(rnd, p, 1);
                System.arraycopy(thetaBarIn, 0, in, InputRole.THETA_BAR.offset(layout(d, p)), p);
                double[] r = residuals.evaluate(new Bindings().time(t).coords(x).velocities(v).params(th).inputs(in));
                double[] withResiduals = java.util.Arrays.copyOf(in, in.length + r.length);
                System.arraycopy(r, 0, withResiduals, in.length, r.length);
                double[] expected = whole.evaluate(new Bindings().time(t).coords(x).velocities(v).params(th).inputs(in));
                double[] got = split.evaluate(new Bindings().time(t).coords(x).velocities(v).params(th)
                        .inputs(withResiduals));
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(got[i]),
                            "component " + i + ": " + expected[i] + " vs " + got[i]);
                }
            }
            assertTrue(Dag.count(rec.vjp()) < Dag.count(wholeVjp), "the split VJP should be smaller");
        }
    }

    @Test
    void theStepIsOneSharedDagOfAboutFourAccelerations() {
        LoweredModel m = lower(DEEP);
        Spray s = spray(m);
        Node[] rk4 = new IntegratorStep(f, m).rk4(s);
        int one = Dag.count(s.acceleration());
        int four = Dag.count(rk4);
        assertTrue(four <= 4 * one + 40, "the step has " + four + " nodes, the acceleration " + one);
        assertTrue(four > 3 * one, "the step has " + four + " nodes, the acceleration " + one);
    }

    @Test
    void anImplicitAccelerationHasNoFusedStep() {
        LoweredModel m = lower("manifold P {\n coords x[5];\n metric g = (2 / (1 - dot(x, x)))^2 * eye(5);\n}\n");
        Spray s = spray(m);
        IntegratorStep step = new IntegratorStep(f, m);
        assertThrows(IllegalArgumentException.class, () -> step.rk4(s));
    }

    /**
     * The fused step against the runtime's RK4 step ({@code AccelerationRungeKutta.stepRk4}: the
     * same operations in the same order) applied to the interpreted acceleration: the same bits.
     */
    private void checkStep(String src, int seed) {
        LoweredModel m = lower(src);
        Spray s = spray(m);
        Program accel = Program.compile(s.acceleration());
        Program fused = Program.compile(new IntegratorStep(f, m).rk4(s));
        int d = m.dimension();
        Random rnd = new Random(seed);
        for (int trial = 0; trial < 20; trial++) {
            double t = rnd.nextDouble();
            double h = 0.05 + 0.2 * rnd.nextDouble();
            double[] x = random(rnd, d, 0.5);
            double[] v = random(rnd, d, 1);
            double[] th = m.params().initialValues(trial);
            double[] a1 = accel.evaluate(new Bindings().time(t).coords(x).velocities(v).params(th));
            double[] x2 = stage(x, h, 0.5, v);
            double[] v2 = stage(v, h, 0.5, a1);
            double[] a2 = accel.evaluate(new Bindings().time(t + 0.5 * h).coords(x2).velocities(v2).params(th));
            double[] x3 = stage(x, h, 0.5, v2);
            double[] v3 = stage(v, h, 0.5, a2);
            double[] a3 = accel.evaluate(new Bindings().time(t + 0.5 * h).coords(x3).velocities(v3).params(th));
            double[] x4 = stage(x, h, 1, v3);
            double[] v4 = stage(v, h, 1, a3);
            double[] a4 = accel.evaluate(new Bindings().time(t + h).coords(x4).velocities(v4).params(th));
            double[] got = fused.evaluate(new Bindings().time(t).coords(x).velocities(v).params(th).inputs(inputs(d, m.params().size(), h)));
            for (int i = 0; i < d; i++) {
                double xe = x[i] + h * (SIXTH * v[i] + THIRD * v2[i] + THIRD * v3[i] + SIXTH * v4[i]);
                double ve = v[i] + h * (SIXTH * a1[i] + THIRD * a2[i] + THIRD * a3[i] + SIXTH * a4[i]);
                assertEquals(Double.doubleToRawLongBits(xe), Double.doubleToRawLongBits(got[i]),
                        "x'[" + i + "], trial " + trial + ": " + xe + " vs " + got[i]);
                assertEquals(Double.doubleToRawLongBits(ve), Double.doubleToRawLongBits(got[d + i]),
                        "v'[" + i + "], trial " + trial + ": " + ve + " vs " + got[d + i]);
            }
        }
    }

    private static final double SIXTH = 1.0 / 6;
    private static final double THIRD = 1.0 / 3;

    /** z + h·(c·w) as the runtime forms a stage point (z + h·w for c = 1, as it writes the last). */
    private static double[] stage(double[] z, double h, double c, double[] w) {
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = c == 1 ? z[i] + h * w[i] : z[i] + h * (c * w[i]);
        }
        return out;
    }

    /** The INPUT slots of the step kernels up to θ̄ᵢₙ: zeros, with h in its slot. */
    private static double[] inputs(int d, int p, double h) {
        double[] in = new double[InputRole.RESIDUAL.offset(layout(d, p))];
        in[InputRole.STEP.offset(layout(d, p))] = h;
        return in;
    }

    private static InputRole.Layout layout(int d, int p) {
        return new InputRole.Layout(d, p, 0);
    }
}
