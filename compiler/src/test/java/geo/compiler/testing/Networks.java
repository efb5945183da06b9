package geo.compiler.testing;

import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;

/**
 * The learned metric of Lou, Nickel and Amos (architecture.md, "Test oracles") built directly
 * in IR: a 2-layer tanh network
 * h = tanh(W1·x + b1), l = W2·h + b2, L = [[exp(l0), 0], [l1, exp(l2)]], g = L·Lᵀ + 1e-3·I,
 * with every weight a PARAM symbol (θ laid out W1, b1, W2, b2, row-major) and x the coordinates.
 */
public final class Networks {

    private Networks() {
    }

    /** Number of parameters for d = 2 and {@code hidden} units. */
    public static int paramCount(int hidden) {
        return hidden * 2 + hidden + 3 * hidden + 3;
    }

    /** The metric entries {g00, g01, g11} (g10 = g01) for d = 2 and {@code hidden} units. */
    public static Node[] metric(NodeFactory f, int hidden) {
        int w1 = 0;
        int b1 = w1 + 2 * hidden;
        int w2 = b1 + hidden;
        int b2 = w2 + 3 * hidden;
        Node[] x = {f.coord(0), f.coord(1)};
        Node[] h = new Node[hidden];
        for (int j = 0; j < hidden; j++) {
            Node pre = f.add(
                    f.mul(f.param("W1[" + j + ",0]", w1 + 2 * j), x[0]),
                    f.mul(f.param("W1[" + j + ",1]", w1 + 2 * j + 1), x[1]),
                    f.param("b1[" + j + "]", b1 + j));
            h[j] = f.tanh(pre);
        }
        Node[] l = new Node[3];
        for (int k = 0; k < 3; k++) {
            Node[] terms = new Node[hidden + 1];
            for (int j = 0; j < hidden; j++) {
                terms[j] = f.mul(f.param("W2[" + k + "," + j + "]", w2 + hidden * k + j), h[j]);
            }
            terms[hidden] = f.param("b2[" + k + "]", b2 + k);
            l[k] = f.add(terms);
        }
        Node l00 = f.exp(l[0]);
        Node l10 = l[1];
        Node l11 = f.exp(l[2]);
        Node eps = f.constant(1e-3);
        return new Node[] {
            f.add(f.square(l00), eps),
            f.mul(l00, l10),
            f.add(f.square(l10), f.square(l11), eps),
        };
    }

    /** The same metric in plain Java, for checking the interpreter: {g00, g01, g11}. */
    public static double[] metric(double[] theta, double[] x, int hidden) {
        int b1 = 2 * hidden;
        int w2 = b1 + hidden;
        int b2 = w2 + 3 * hidden;
        double[] h = new double[hidden];
        for (int j = 0; j < hidden; j++) {
            h[j] = Math.tanh(theta[2 * j] * x[0] + theta[2 * j + 1] * x[1] + theta[b1 + j]);
        }
        double[] l = new double[3];
        for (int k = 0; k < 3; k++) {
            double s = theta[b2 + k];
            for (int j = 0; j < hidden; j++) {
                s += theta[w2 + hidden * k + j] * h[j];
            }
            l[k] = s;
        }
        double a = Math.exp(l[0]);
        double c = Math.exp(l[2]);
        return new double[] {a * a + 1e-3, a * l[1], l[1] * l[1] + c * c + 1e-3};
    }

    /** The quadratic form vᵀ g v = g00 v0² + 2 g01 v0 v1 + g11 v1² with velocity symbols. */
    public static Node quadraticForm(NodeFactory f, Node[] g) {
        Node v0 = f.velocity(0);
        Node v1 = f.velocity(1);
        return f.add(f.mul(g[0], f.square(v0)), f.mul(f.constant(2), g[1], v0, v1), f.mul(g[2], f.square(v1)));
    }
}
