package geo.compiler.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * The cheap spray stays small: for the 2-D 32-unit network metric its DAG is under 20× the
 * metric's; a dense d = 6 metric derives its (implicit) spray and matches the Christoffel route.
 * Derivation times are measured in bench/ (DeriveBenchmark), not asserted here.
 */
class DerivationSizeTest {

    static final String NETWORK = "manifold Deep {\n coords x[2];\n"
            + " param W1[32, 2] ~ normal(0, 0.3);\n param b1[32] = 0;\n"
            + " param W2[3, 32] ~ normal(0, 0.3);\n param b2[3] = zeros;\n"
            + " let h = tanh(W1 * x + b1);\n let l = W2 * h + b2;\n"
            + " let L = [[exp(l[0]), 0], [l[1], exp(l[2])]];\n metric g = L * L' + 1e-3 * eye(2);\n}\n";

    /** A dense 6×6 metric: A(x) = B(x) B(x)' + I with B's entries smooth functions of the point. */
    static final String DENSE6 = "manifold Dense6 {\n coords x[6];\n param C[6, 6] ~ normal(0, 0.5);\n"
            + " let B = C * diag(sin(x)) + diag(cos(x));\n metric g = B * B' + eye(6);\n}\n";

    private NodeFactory f;

    private LoweredModel lower(String src) {
        f = new NodeFactory();
        return Lowered.firstManifold(src, f);
    }

    @Test
    void networkSprayIsUnderTwentyTimesTheMetric() {
        LoweredModel m = lower(NETWORK);
        int metricNodes = Dag.count(m.metric().elements());
        Spray spray = new MetricGeometry(f, m).spray();
        int sprayNodes = Dag.count(spray.acceleration());
        assertTrue(sprayNodes < 20 * metricNodes, "spray " + sprayNodes + " nodes, metric " + metricNodes);
    }

    @Test
    void denseSixDimensionalMetricDerives() {
        LoweredModel m = lower(DENSE6);
        MetricGeometry geo = new MetricGeometry(f, m);
        Spray spray = geo.spray();
        assertFalse(spray.explicit());
        Node[] slow = geo.sprayFromChristoffel();
        Node[] all = new Node[36 + 6 + 6];
        System.arraycopy(spray.matrix().elements(), 0, all, 0, 36);
        System.arraycopy(spray.rhs(), 0, all, 36, 6);
        System.arraycopy(slow, 0, all, 42, 6);
        Program p = Program.compile(all);
        double[] theta = m.params().initialValues(3);
        Random rnd = new Random(4);
        for (int trial = 0; trial < 5; trial++) {
            double[] x = new double[6];
            double[] v = new double[6];
            for (int i = 0; i < 6; i++) {
                x[i] = rnd.nextDouble() - 0.5;
                v[i] = rnd.nextGaussian();
            }
            double[] out = p.evaluate(new Bindings().coords(x).velocities(v).params(theta));
            for (int i = 0; i < 6; i++) {
                double ga = 0;
                for (int j = 0; j < 6; j++) {
                    ga += out[i * 6 + j] * out[42 + j];
                }
                assertEquals(out[36 + i], ga, 1e-10 * Math.max(1, Math.abs(ga)), "g * (Christoffel spray) = rhs");
            }
        }
    }
}
