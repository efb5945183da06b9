package geo.compiler.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import geo.compiler.interp.Bindings;
import geo.compiler.interp.Program;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.lower.LoweredModel;
import geo.compiler.testing.Lowered;
import geo.compiler.print.TextPrinter;
import geo.compiler.simplify.Simplifier;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The closed-form oracles of architecture.md ("Test oracles") for the derived geometry. */
class GeometryTest {

    /** A fresh factory per model: symbol names are fixed per factory. */
    private NodeFactory f;

    private LoweredModel lower(String src) {
        f = new NodeFactory();
        return Lowered.firstManifold(src, f);
    }

    private MetricGeometry geometry(String src) {
        LoweredModel m = lower(src);
        return new MetricGeometry(f, m);
    }

    private static final String SPHERE = "manifold S {\n coords theta, phi;\n metric g = diag([1, sin(theta)^2]);\n}\n";

    private static String poincare(int d) {
        return "manifold P {\n coords x[" + d + "];\n metric g = (2 / (1 - dot(x, x)))^2 * eye(" + d + ");\n}\n";
    }

    @Test
    void sphereChristoffelSymbolsPrintCanonically() {
        MetricGeometry geo = geometry(SPHERE);
        Node[][] gamma = geo.christoffelSecond();
        Simplifier s = Simplifier.onChart();
        assertEquals("-sin(theta)*cos(theta)", TextPrinter.inline(s.run(f, gamma[0][1 * 2 + 1])));
        assertEquals("cos(theta) / sin(theta)", TextPrinter.inline(s.run(f, gamma[1][0 * 2 + 1])));
        assertEquals("0", TextPrinter.inline(s.run(f, gamma[0][0])));
    }

    @Test
    void sphereScalarCurvatureIsTwo() {
        MetricGeometry geo = geometry(SPHERE);
        Program r = Program.compile(geo.scalarCurvature());
        Random rnd = new Random(1);
        for (int i = 0; i < 20; i++) {
            double theta = 0.1 + 2.9 * rnd.nextDouble();
            assertEquals(2.0, r.evaluate(new Bindings().coords(theta, rnd.nextDouble() * 6))[0], 1e-12);
        }
    }

    @Test
    void poincareScalarCurvatureIsMinusDTimesDMinusOne() {
        for (int d : new int[] {2, 3}) {
            MetricGeometry geo = geometry(poincare(d));
            Program r = Program.compile(geo.scalarCurvature());
            Random rnd = new Random(d);
            for (int i = 0; i < 20; i++) {
                double[] x = new double[d];
                for (int k = 0; k < d; k++) {
                    x[k] = (rnd.nextDouble() - 0.5) / Math.sqrt(d);
                }
                assertEquals(-d * (d - 1.0), r.evaluate(new Bindings().coords(x))[0], 1e-10, "d = " + d);
            }
        }
    }

    @Test
    void polarPlaneIsFlat() {
        MetricGeometry geo = geometry("manifold P {\n coords r, theta;\n metric g = diag([1, r^2]);\n}\n");
        Node[] riemann = Simplifier.onChart().run(f, geo.riemann(), null);
        for (Node n : riemann) {
            assertEquals("0", TextPrinter.inline(n));
        }
        Program numeric = Program.compile(geo.riemann());
        for (double value : numeric.evaluate(new Bindings().coords(1.7, 0.4))) {
            assertEquals(0, value, 1e-14);
        }
    }

    /** Spray (cheap form), Christoffel route and Euler–Lagrange of ½vᵀgv agree. */
    @Test
    void threeRoutesToTheSprayAgree() {
        for (String src : new String[] {SPHERE, poincare(2), poincare(3),
            "manifold D {\n coords x[2];\n param W[4, 2] ~ normal(0, 1);\n let h = tanh(W * x);\n"
                + " let L = [[exp(h[0]), 0], [h[1] + h[2], exp(h[3])]];\n metric g = L * L' + 1e-3 * eye(2);\n}\n"}) {
            LoweredModel m = lower(src);
            MetricGeometry geo = new MetricGeometry(f, m);
            Node[] cheap = geo.spray().acceleration();
            Node[] slow = geo.sprayFromChristoffel();
            Node[] el = new EulerLagrange(f, m, geo.kineticEnergy()).acceleration().acceleration();
            Random rnd = new Random(3);
            double[] theta = new double[m.params().size()];
            for (int i = 0; i < theta.length; i++) {
                theta[i] = rnd.nextGaussian();
            }
            Program p = Program.compile(concat(cheap, slow, el));
            int d = m.dimension();
            for (int trial = 0; trial < 50; trial++) {
                double[] x = new double[d];
                double[] v = new double[d];
                for (int k = 0; k < d; k++) {
                    x[k] = 0.2 + 0.5 * rnd.nextDouble() / d;
                    v[k] = rnd.nextGaussian();
                }
                double[] out = p.evaluate(new Bindings().coords(x).velocities(v).params(theta));
                for (int k = 0; k < d; k++) {
                    double scale = Math.max(1, Math.abs(out[k]));
                    assertEquals(out[k], out[d + k], 1e-12 * scale, "Christoffel route, " + m.name());
                    assertEquals(out[k], out[2 * d + k], 1e-12 * scale, "Euler-Lagrange route, " + m.name());
                }
            }
        }
    }

    private static Node[] concat(Node[]... parts) {
        int n = 0;
        for (Node[] p : parts) {
            n += p.length;
        }
        Node[] out = new Node[n];
        int at = 0;
        for (Node[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
