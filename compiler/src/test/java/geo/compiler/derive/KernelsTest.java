package geo.compiler.derive;

import static geo.compiler.testing.Vectors.axpy;
import static geo.compiler.testing.Vectors.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.interp.Bindings;
import geo.compiler.interp.Program;
import geo.compiler.driver.Frontend;
import geo.compiler.ir.NodeFactory;
import geo.compiler.lower.LoweredLoss;
import geo.compiler.lower.LoweredModel;
import geo.compiler.lower.Lowering;
import geo.compiler.source.SourceFile;
import geo.compiler.testing.Lowered;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The derivative kernels against central finite differences of the interpreted acceleration.
 * Step h = 1e-5; agreement to 1e-6 relative (the truncation error of a central difference is
 * O(h²) ≈ 1e-10 times third derivatives, rounding O(ε/h) ≈ 1e-11).
 */
class KernelsTest {

    private static final double H = 1e-5;
    private static final double TOL = 1e-6;

    private NodeFactory f;

    private LoweredModel lower(String src) {
        f = new NodeFactory();
        return Lowered.firstManifold(src, f);
    }

    private static final String DEEP = "manifold D {\n coords x[2];\n param W[4, 2] ~ normal(0, 1);\n param b[4] = 0;\n"
            + " let h = tanh(W * x + b);\n let L = [[exp(h[0]), 0], [h[1] + h[2], exp(h[3])]];\n"
            + " metric g = L * L' + 1e-3 * eye(2);\n}\n";

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, TOL * Math.max(1, Math.abs(expected)), what);
    }

    @Test
    void explicitJvpAndVjpMatchFiniteDifferences() {
        LoweredModel m = lower(DEEP);
        Spray spray = new MetricGeometry(f, m).spray();
        Kernels k = new Kernels(f, m);
        Program a = Program.compile(spray.acceleration());
        Program jvp = Program.compile(k.accelerationJvp(spray));
        Program vjp = Program.compile(k.accelerationVjp(spray));
        Random rnd = new Random(11);
        int d = 2;
        int p = m.params().size();
        for (int trial = 0; trial < 20; trial++) {
            double[] x = random(rnd, d, 0.5);
            double[] v = random(rnd, d, 1);
            double[] th = random(rnd, p, 0.7);
            double[] dx = random(rnd, d, 1);
            double[] dv = random(rnd, d, 1);
            double[] dth = random(rnd, p, 1);
            double[] plus = a.evaluate(new Bindings().coords(axpy(x, H, dx)).velocities(axpy(v, H, dv))
                    .params(axpy(th, H, dth)));
            double[] minus = a.evaluate(new Bindings().coords(axpy(x, -H, dx)).velocities(axpy(v, -H, dv))
                    .params(axpy(th, -H, dth)));
            double[] plusXv = a.evaluate(new Bindings().coords(axpy(x, H, dx)).velocities(axpy(v, H, dv)).params(th));
            double[] minusXv = a.evaluate(new Bindings().coords(axpy(x, -H, dx)).velocities(axpy(v, -H, dv))
                    .params(th));
            double[] tangent = new double[2 * d];
            System.arraycopy(dx, 0, tangent, 0, d);
            System.arraycopy(dv, 0, tangent, d, d);
            double[] da = jvp.evaluate(new Bindings().coords(x).velocities(v).params(th).inputs(tangent));
            for (int i = 0; i < d; i++) {
                assertClose((plusXv[i] - minusXv[i]) / (2 * H), da[i], "JVP component " + i);
            }
            double[] abar = random(rnd, d, 1);
            double[] slots = new double[3 * d];
            System.arraycopy(abar, 0, slots, 2 * d, d);
            double[] bar = vjp.evaluate(new Bindings().coords(x).velocities(v).params(th).inputs(slots));
            double fd = 0;
            for (int i = 0; i < d; i++) {
                fd += abar[i] * (plus[i] - minus[i]) / (2 * H);
            }
            double dot = 0;
            for (int i = 0; i < d; i++) {
                dot += bar[i] * dx[i] + bar[d + i] * dv[i];
            }
            for (int i = 0; i < p; i++) {
                dot += bar[2 * d + i] * dth[i];
            }
            assertClose(fd, dot, "VJP against a directional finite difference");
        }
    }

    /** d = 5: the spray is implicit (g a = rhs); the implicit JVP, solved, matches finite differences. */
    @Test
    void implicitJvpSolvedMatchesFiniteDifferences() {
        LoweredModel m = lower("manifold P {\n coords x[5];\n metric g = (2 / (1 - dot(x, x)))^2 * eye(5);\n}\n");
        Spray spray = new MetricGeometry(f, m).spray();
        assertFalse(spray.explicit());
        Kernels k = new Kernels(f, m);
        Program system = Program.compile(concat(spray.matrix().elements(), spray.rhs()));
        Program jvp = Program.compile(k.implicitJvp(spray));
        Random rnd = new Random(5);
        for (int trial = 0; trial < 10; trial++) {
            double[] x = random(rnd, 5, 0.15);
            double[] v = random(rnd, 5, 1);
            double[] dx = random(rnd, 5, 1);
            double[] dv = random(rnd, 5, 1);
            double[] a = solve(system.evaluate(new Bindings().coords(x).velocities(v)), 5);
            double[] ap = solve(system.evaluate(new Bindings().coords(axpy(x, H, dx)).velocities(axpy(v, H, dv))), 5);
            double[] am = solve(system.evaluate(new Bindings().coords(axpy(x, -H, dx)).velocities(axpy(v, -H, dv))), 5);
            double[] in = new double[20];
            System.arraycopy(dx, 0, in, 0, 5);
            System.arraycopy(dv, 0, in, 5, 5);
            System.arraycopy(a, 0, in, 15, 5);
            double[] r = jvp.evaluate(new Bindings().coords(x).velocities(v).inputs(in));
            double[] g = system.evaluate(new Bindings().coords(x).velocities(v));
            double[] withR = g.clone();
            System.arraycopy(r, 0, withR, 25, 5);
            double[] da = solve(withR, 5);
            for (int i = 0; i < 5; i++) {
                assertClose((ap[i] - am[i]) / (2 * H), da[i], "implicit JVP component " + i);
            }
        }
    }

    @Test
    void lossGradientAndHvpMatchFiniteDifferences() {
        f = new NodeFactory();
        Frontend.Result r = Frontend.check(SourceFile.of("t.geo",
                "param W[2, 3] = 0;\nloss l(y[2], z[3]) = dot(tanh(W * z) - y, tanh(W * z) - y) * exp(0.1 * sum(z));\n"));
        assertTrue(r.ok(), r.diagnostics().render());
        LoweredLoss loss = Lowering.lowerLoss(r.program(), r.program().losses().get(0), f);
        int n = loss.inputCount() + loss.params().size();
        Program value = Program.compile(loss.value());
        Program grad = Program.compile(Kernels.lossGradient(f, loss));
        Program hvp = Program.compile(Kernels.lossHvp(f, loss));
        Random rnd = new Random(2);
        double[] z = random(rnd, n, 0.5);
        double[] w = random(rnd, n, 1);
        double[] g = grad.evaluate(bind(z, loss.inputCount()));
        for (int i = 0; i < n; i++) {
            double[] zp = z.clone();
            double[] zm = z.clone();
            zp[i] += H;
            zm[i] -= H;
            double fd = (value.evaluate(bind(zp, loss.inputCount()))[0] - value.evaluate(bind(zm, loss.inputCount()))[0])
                    / (2 * H);
            assertClose(fd, g[i], "gradient " + i);
        }
        double[] in = new double[loss.inputCount() + n];
        System.arraycopy(z, 0, in, 0, loss.inputCount());
        System.arraycopy(w, 0, in, loss.inputCount(), n);
        double[] theta = new double[loss.params().size()];
        System.arraycopy(z, loss.inputCount(), theta, 0, theta.length);
        double[] hw = hvp.evaluate(new Bindings().inputs(in).params(theta));
        double[] gp = grad.evaluate(bind(axpy(z, H, w), loss.inputCount()));
        double[] gm = grad.evaluate(bind(axpy(z, -H, w), loss.inputCount()));
        for (int i = 0; i < n; i++) {
            assertClose((gp[i] - gm[i]) / (2 * H), hw[i], "HVP " + i);
        }
    }

    private static Bindings bind(double[] z, int inputs) {
        double[] in = new double[inputs];
        double[] theta = new double[z.length - inputs];
        System.arraycopy(z, 0, in, 0, inputs);
        System.arraycopy(z, inputs, theta, 0, theta.length);
        return new Bindings().inputs(in).params(theta);
    }

    /** Solves the n×n system stored row-major in s[0..n²) with right-hand side s[n²..n²+n). */
    private static double[] solve(double[] s, int n) {
        double[] a = java.util.Arrays.copyOfRange(s, 0, n * n);
        double[] b = java.util.Arrays.copyOfRange(s, n * n, n * n + n);
        assertTrue(geo.runtime.linalg.Dense.solve(a, b, n), "singular system");
        return b;
    }

    private static geo.compiler.ir.Node[] concat(geo.compiler.ir.Node[] a, geo.compiler.ir.Node[] b) {
        geo.compiler.ir.Node[] out = new geo.compiler.ir.Node[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
