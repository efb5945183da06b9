package geo.compiler.derive;

import static geo.compiler.testing.Vectors.random;
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
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The implicit system's JVP split at its primal values ({@link Kernels#implicitJvpSplit}): fed the
 * residuals its primal part computes, the tangent part gives the whole JVP's bits for every
 * direction, and the tangent part no longer contains the network's primal values (it is smaller
 * than the whole JVP: 711 against 971 nodes here), which the d directions of a Jacobian then share.
 */
class ImplicitJvpSplitTest {

    /** A dense learned metric in d = 5 (as bench's ScaleProfile network): no structure, implicit. */
    private static final String NETWORK = "manifold N {\n coords x[5];\n param W1[6, 5] ~ normal(0, 0.5);\n"
            + " param b1[6] ~ uniform(-0.1, 0.1);\n param w[6] ~ normal(0, 0.3);\n param W2[5, 6] ~ normal(0, 0.3);\n"
            + " let h = tanh(W1 * x + b1);\n let u = W2 * h;\n metric g = exp(dot(w, h)) * eye(5) + u * u';\n}\n";

    @Test
    void theTangentPartReadingThePrimalValuesGivesTheJvpsBits() {
        NodeFactory f = new NodeFactory();
        LoweredModel m = Lowered.firstManifold(NETWORK, f);
        Spray s = new MetricGeometry(f, m).spray().structured(f);
        assertFalse(s.explicit(), "the dense metric should stay implicit");
        Kernels k = new Kernels(f, m);
        Node[] jvp = k.implicitJvp(s);
        ResidualSplit split = k.implicitJvpSplit(s);
        assertTrue(split.residuals().length > 0);
        assertTrue(operations(split.split()) < 0.7 * operations(jvp),
                "tangent part " + operations(split.split()) + " operations, whole JVP " + operations(jvp));
        Program whole = Program.compile(jvp);
        Program primal = Program.compile(split.residuals());
        Program tangent = Program.compile(split.split());
        int d = m.dimension();
        int p = m.params().size();
        InputRole.Layout layout = new InputRole.Layout(d, p, 0);
        Random rnd = new Random(5);
        for (int trial = 0; trial < 20; trial++) {
            double[] x = random(rnd, d, 0.5);
            double[] v = random(rnd, d, 1);
            double[] th = m.params().initialValues(trial);
            double[] in = new double[InputRole.RESIDUAL.offset(layout)];
            System.arraycopy(random(rnd, d, 1), 0, in, InputRole.A.offset(layout), d);
            double[] r = primal.evaluate(new Bindings().coords(x).velocities(v).params(th).inputs(in));
            // Several directions against the one primal pass, as the runtime's Jacobian uses it.
            for (int direction = 0; direction < 3; direction++) {
                System.arraycopy(random(rnd, 2 * d, 1), 0, in, InputRole.DX.offset(layout), 2 * d);
                double[] withResiduals = Arrays.copyOf(in, in.length + r.length);
                System.arraycopy(r, 0, withResiduals, in.length, r.length);
                double[] expected = whole.evaluate(new Bindings().coords(x).velocities(v).params(th).inputs(in));
                double[] got = tangent.evaluate(new Bindings().coords(x).velocities(v).params(th)
                        .inputs(withResiduals));
                for (int i = 0; i < d; i++) {
                    assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(got[i]),
                            "component " + i + ": " + expected[i] + " vs " + got[i]);
                }
            }
        }
    }

    /** The arithmetic operations of a DAG: an n-ary sum or product counts n − 1. */
    private static int operations(Node[] roots) {
        Dag dag = Dag.of(roots);
        int ops = 0;
        for (int i = 0; i < dag.size(); i++) {
            ops += Math.max(dag.node(i).arity() - 1, Math.min(dag.node(i).arity(), 1));
        }
        return ops;
    }
}
