package geo.compiler.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.check.CheckedProgram;
import geo.compiler.check.Shape;
import geo.compiler.driver.Frontend;
import geo.compiler.interp.Bindings;
import geo.compiler.interp.Program;
import geo.compiler.ir.NodeFactory;
import geo.compiler.source.SourceFile;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The tensor front: lowered models evaluate to what the formulas say, with the checker's shapes. */
class LoweringTest {

    /** Relative tolerance for values computed by the interpreter and by plain Java in a different order. */
    private static final double TOL = 1e-13;

    private static CheckedProgram check(String src) {
        Frontend.Result r = Frontend.check(SourceFile.of("t.geo", src));
        assertTrue(r.ok(), r.diagnostics().render());
        return r.program();
    }

    private static LoweredModel lower(String src) {
        CheckedProgram p = check(src);
        return Lowering.lowerModel(p, p.manifolds().get(0), new NodeFactory());
    }

    private static double[] eval(Tensor t, Bindings b) {
        return Program.compile(t.elements()).evaluate(b);
    }

    private static void assertClose(double expected, double actual, String what) {
        double scale = Math.max(1, Math.abs(expected));
        assertTrue(Math.abs(expected - actual) <= TOL * scale, what + ": expected " + expected + ", got " + actual);
    }

    @Test
    void sphereMetric() {
        LoweredModel m = lower("manifold S {\n coords theta, phi;\n metric g = diag([1, sin(theta)^2]);\n}\n");
        double[] g = eval(m.metric(), new Bindings().coords(0.7, 2.0));
        assertEquals(List.of("theta", "phi"), m.coordinateNames());
        assertClose(1, g[0], "g00");
        assertEquals(0, g[1]);
        assertEquals(0, g[2]);
        assertClose(Math.sin(0.7) * Math.sin(0.7), g[3], "g11");
    }

    @Test
    void deepMetricMatchesHandWrittenJava() {
        LoweredModel m = lower("manifold D {\n coords x[2];\n"
                + " param W1[8, 2] = 0;\n param b1[8] = 0;\n param W2[3, 8] = 0;\n param b2[3] = zeros;\n"
                + " let h = tanh(W1 * x + b1);\n let l = W2 * h + b2;\n"
                + " let L = [[exp(l[0]), 0], [l[1], exp(l[2])]];\n metric g = L * L' + 1e-3 * eye(2);\n}\n");
        assertEquals(16 + 8 + 24 + 3, m.params().size());
        Random rnd = new Random(7);
        double[] theta = new double[m.params().size()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = rnd.nextGaussian() * 0.5;
        }
        double[] x = {0.3, -0.8};
        double[] g = eval(m.metric(), new Bindings().coords(x).params(theta));
        double[] h = new double[8];
        for (int i = 0; i < 8; i++) {
            h[i] = Math.tanh(theta[2 * i] * x[0] + theta[2 * i + 1] * x[1] + theta[16 + i]);
        }
        double[] l = new double[3];
        for (int k = 0; k < 3; k++) {
            double s = theta[48 + k];
            for (int i = 0; i < 8; i++) {
                s += theta[24 + 8 * k + i] * h[i];
            }
            l[k] = s;
        }
        double a = Math.exp(l[0]);
        double b = l[1];
        double c = Math.exp(l[2]);
        assertClose(a * a + 1e-3, g[0], "g00");
        assertClose(a * b, g[1], "g01");
        assertClose(a * b, g[2], "g10");
        assertClose(b * b + c * c + 1e-3, g[3], "g11");
    }

    @Test
    void pullbackOfASurface() {
        LoweredModel m = lower("manifold P {\n coords u, w;\n metric g = pullback([u, w, u^2 - w^2], [u, w]);\n}\n");
        double u = 0.4;
        double w = -1.3;
        double[] g = eval(m.metric(), new Bindings().coords(u, w));
        assertClose(1 + 4 * u * u, g[0], "g00");
        assertClose(-4 * u * w, g[1], "g01");
        assertClose(-4 * u * w, g[2], "g10");
        assertClose(1 + 4 * w * w, g[3], "g11");
    }

    @Test
    void inverseAndDeterminantSmallAndLarge() {
        for (int n : new int[] {1, 2, 3, 4, 5, 6}) {
            Random rnd = new Random(n);
            double[] a = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    a[i * n + j] = (i == j ? n : 0) + rnd.nextDouble() - 0.5;
                }
            }
            String src = "manifold M {\n coords x[" + n + "];\n param A[" + n + ", " + n + "] = zeros;\n"
                    + " let D = det(A);\n let I = inv(A) * A;\n metric g = eye(" + n + ");\n}\n";
            LoweredModel m = lower(src);
            Bindings b = new Bindings().coords(new double[n]).params(a);
            double[] product = eval(m.lets().get("I"), b);
            for (int i = 0; i < n * n; i++) {
                assertEquals(i / n == i % n ? 1 : 0, product[i], 1e-12, "inv(A) * A, n = " + n);
            }
            assertClose(luDeterminant(a, n), eval(m.lets().get("D"), b)[0], "det, n = " + n);
        }
    }

    private static double luDeterminant(double[] m, int n) {
        double[] a = m.clone();
        double det = 1;
        for (int k = 0; k < n; k++) {
            int p = k;
            for (int r = k + 1; r < n; r++) {
                if (Math.abs(a[r * n + k]) > Math.abs(a[p * n + k])) {
                    p = r;
                }
            }
            if (p != k) {
                for (int c = 0; c < n; c++) {
                    double t = a[k * n + c];
                    a[k * n + c] = a[p * n + c];
                    a[p * n + c] = t;
                }
                det = -det;
            }
            det *= a[k * n + k];
            for (int r = k + 1; r < n; r++) {
                double factor = a[r * n + k] / a[k * n + k];
                for (int c = k; c < n; c++) {
                    a[r * n + c] -= factor * a[k * n + c];
                }
            }
        }
        return det;
    }

    @Test
    void lagrangianWithDefAndTime() {
        LoweredModel m = lower("manifold O {\n coords x[2];\n param c[2] = [0.5, -0.5];\n param M = 5;\n"
                + " def potential(p) = M * exp(-dot(p - c, p - c) / 0.05);\n"
                + " lagrangian L(v, t) = 0.5 * v' * v + potential(x) * cos(t);\n}\n");
        double[] x = {0.4, -0.3};
        double[] v = {1.5, 0.2};
        double[] theta = {0.5, -0.5, 5};
        double value = Program.compile(m.lagrangian()).evaluate(new Bindings().coords(x).velocities(v)
                .params(theta).time(0.9))[0];
        double d2 = (x[0] - 0.5) * (x[0] - 0.5) + (x[1] + 0.5) * (x[1] + 0.5);
        assertClose(0.5 * (v[0] * v[0] + v[1] * v[1]) + 5 * Math.exp(-d2 / 0.05) * Math.cos(0.9), value, "L");
    }

    @Test
    void lossInputsAndParameters() {
        CheckedProgram p = check("param s = 2;\nloss pred(yhat[2], y[2], w) = w * s * dot(yhat - y, yhat - y);\n");
        LoweredLoss loss = Lowering.lowerLoss(p, p.losses().get(0), new NodeFactory());
        assertEquals(5, loss.inputCount());
        assertEquals(4, loss.inputs().get(2).offset());
        double value = Program.compile(loss.value()).evaluate(new Bindings().inputs(1, 2, 0.5, 1, 3).params(2))[0];
        assertClose(3 * 2 * (0.25 + 1), value, "loss");
    }

    @Test
    void indexingAndSlicing() {
        LoweredModel m = lower("manifold S {\n coords x[3];\n param A[3, 3] = zeros;\n"
                + " let col = A[:, 1];\n let block = A[1:3, 0:2];\n let row = A[2];\n let tail = x[1:];\n"
                + " let quad = x' * A * x;\n let outer = x * x';\n metric g = eye(3);\n}\n");
        double[] a = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] x = {1, -1, 2};
        Bindings b = new Bindings().coords(x).params(a);
        assertArrayEquals(new double[] {2, 5, 8}, eval(m.lets().get("col"), b));
        assertArrayEquals(new double[] {4, 5, 7, 8}, eval(m.lets().get("block"), b));
        assertArrayEquals(new double[] {7, 8, 9}, eval(m.lets().get("row"), b));
        assertArrayEquals(new double[] {-1, 2}, eval(m.lets().get("tail"), b));
        double quad = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                quad += x[i] * a[i * 3 + j] * x[j];
            }
        }
        assertArrayEquals(new double[] {quad}, eval(m.lets().get("quad"), b));
        assertEquals(Shape.matrix(3, 3), m.lets().get("outer").shape());
    }

    @Test
    void initialValuesFollowTheInitialisersAndTheSeed() {
        LoweredModel m = lower("manifold I {\n coords x[2];\n param a = 1.5;\n param b[3] = 2;\n"
                + " param c[2] = [4, 5];\n param z[2, 2] = zeros;\n param n[2000] ~ normal(1, 0.5);\n"
                + " param u[2000] ~ uniform(-1, 3);\n metric g = eye(2);\n}\n");
        double[] theta = m.params().initialValues(42);
        assertArrayEquals(new double[] {1.5, 2, 2, 2, 4, 5, 0, 0, 0, 0}, java.util.Arrays.copyOf(theta, 10));
        assertEquals(theta.length, m.params().size());
        org.junit.jupiter.api.Assertions.assertArrayEquals(theta, m.params().initialValues(42));
        double mean = 0;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < 2000; i++) {
            mean += theta[10 + i] / 2000;
            min = Math.min(min, theta[2010 + i]);
            max = Math.max(max, theta[2010 + i]);
        }
        assertEquals(1, mean, 0.05, "mean of normal(1, 0.5) draws (4 standard errors)");
        assertTrue(min >= -1 && max < 3 && min < -0.9 && max > 2.9, "uniform(-1, 3) draws in [" + min + ", " + max + "]");
    }

    private static void assertArrayEquals(double[] expected, double[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, 1e-12);
    }

    /** Every model of the valid language tests and the examples lowers, with the checker's shapes. */
    @TestFactory
    Stream<DynamicTest> loweredShapesAgreeWithTheChecker() throws IOException, URISyntaxException {
        Path root = Path.of(LoweringTest.class.getResource("/lang/valid").toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(f -> f.toString().endsWith(".geo")).sorted().toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            Frontend.Result r = Frontend.checkFile(f);
            assertTrue(r.ok(), r.diagnostics().render());
            CheckedProgram p = r.program();
            for (CheckedProgram.Model model : p.manifolds()) {
                LoweredModel m = Lowering.lowerModel(p, model, new NodeFactory());
                for (Map.Entry<String, Tensor> let : m.lets().entrySet()) {
                    assertEquals(p.shapes().get(model.name() + "." + let.getKey()), let.getValue().shape(),
                            "shape of " + let.getKey());
                }
                if (m.metric() != null) {
                    assertEquals(Shape.matrix(m.dimension(), m.dimension()), m.metric().shape());
                }
                assertEquals(model.parameterCount(), m.params().size());
            }
            for (CheckedProgram.Loss loss : p.losses()) {
                assertNotNull(Lowering.lowerLoss(p, loss, new NodeFactory()).value());
            }
        }));
    }
}
