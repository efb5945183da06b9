package geo.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.jar.JarWriter;
import geo.compiler.source.SourceFile;
import geo.runtime.api.FunctionKernels;
import geo.runtime.api.LossKernels;
import geo.runtime.api.ModelDescriptor;
import geo.runtime.api.ModelDescriptor.Input.Source;
import geo.runtime.load.Model;
import geo.runtime.load.ModelLoadException;
import geo.runtime.load.ModelSet;
import geo.runtime.load.Models;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fn used where a def would be: called from a loss, a let and a metric it gives the very numbers
 * of the expression written out; the loss's θ-gradient is the chain rule through the fn's VJP;
 * descriptors of a fn and of a loss with noise inputs survive a jar; {@link ModelSet#function}
 * finds a fn by name or lists the fns there are.
 */
class FunctionUseTest {

    private static final String SOURCE = """
            param W1[3, 2] ~ normal(0, 0.7);
            param b1[3] = 0.1;
            param W2[2, 3] ~ normal(0, 0.7);
            fn predict(x[2]) = W2 * tanh(W1 * x + b1);
            loss called(x[2], y[2]) = dot(predict(x) - y, predict(x) - y);
            loss written(x[2], y[2]) = dot(W2 * tanh(W1 * x + b1) - y, W2 * tanh(W1 * x + b1) - y);
            loss elbo(x[2], eps[2] ~ normal, u ~ uniform) = dot(predict(x + 0.5 * eps) - x, x) * u;
            manifold Called {
              coords p[2];
              let q = predict(p);
              metric g = eye(2) + 0.1 * q * q';
            }
            manifold Written {
              coords p[2];
              let q = W2 * tanh(W1 * p + b1);
              metric g = eye(2) + 0.1 * q * q';
            }
            """;

    private static ModelSet compile() {
        SourceFile src = SourceFile.of("use.geo", SOURCE);
        Frontend.Result r = Frontend.check(src);
        assertTrue(r.ok(), r.diagnostics().render());
        return Compiler.compile(r.program(), src).load();
    }

    @Test
    void aCalledFnIsTheExpressionWrittenOut() {
        ModelSet set = compile();
        Random rnd = new Random(3);
        LossKernels called = byName(set, "called").loss();
        LossKernels written = byName(set, "written").loss();
        FunctionKernels predict = set.function("predict").function();
        double[] theta = byName(set, "called").defaultParameters();
        assertArrayEquals(theta, set.function("predict").defaultParameters(), 0.0, "the same θ layout and draws");
        int p = theta.length;
        for (int trial = 0; trial < 5; trial++) {
            double[] in = FunctionKernelsTest.random(rnd, 4, 1.5);
            assertEquals(written.loss(in, theta), called.loss(in, theta), 0.0);
            double[] g1 = new double[4];
            double[] t1 = new double[p];
            double[] g2 = new double[4];
            double[] t2 = new double[p];
            called.lossGradient(in, theta, g1, t1);
            written.lossGradient(in, theta, g2, t2);
            assertArrayEquals(g2, g1, 0.0);
            assertArrayEquals(t2, t1, 0.0);
            // chain rule: ∂ℓ/∂θ = 2 (ŷ − y)ᵀ ∂ŷ/∂θ, the fn's VJP with ȳ = 2 (ŷ − y)
            double[] yhat = new double[2];
            predict.value(new double[] {in[0], in[1]}, theta, yhat);
            double[] outBar = {2 * (yhat[0] - in[2]), 2 * (yhat[1] - in[3])};
            double[] xBar = new double[2];
            double[] thetaBar = new double[p];
            predict.vjp(new double[] {in[0], in[1]}, theta, outBar, xBar, thetaBar);
            for (int j = 0; j < p; j++) {
                assertEquals(t1[j], thetaBar[j], 1e-13 * (1 + Math.abs(t1[j])), "θ̄[" + j + "]");
            }
            assertEquals(g1[0], xBar[0], 1e-13 * (1 + Math.abs(g1[0])));
            assertEquals(g1[1], xBar[1], 1e-13 * (1 + Math.abs(g1[1])));
        }
        double[] x = {0.3, -0.8};
        double[] gCalled = new double[4];
        double[] gWritten = new double[4];
        set.model("Called").metric().metric(x, theta, gCalled);
        set.model("Written").metric().metric(x, theta, gWritten);
        assertArrayEquals(gWritten, gCalled, 0.0);
    }

    @Test
    void descriptorsOfAFnAndOfNoiseInputsSurviveAJar(@TempDir Path dir) throws Exception {
        SourceFile src = SourceFile.of("use.geo", SOURCE);
        Frontend.Result r = Frontend.check(src);
        assertTrue(r.ok(), r.diagnostics().render());
        Compiler.Compiled compiled = Compiler.compile(r.program(), src);
        Path jar = dir.resolve("use.jar");
        JarWriter.write(compiled, jar);
        ModelSet set = Models.load(jar);
        Model fn = set.function("predict");
        ModelDescriptor d = fn.descriptor();
        assertEquals("function", d.kind());
        assertEquals(List.of(2), d.output());
        assertEquals(List.of(new ModelDescriptor.Input("x", List.of(2), 0, Source.DATA)), d.inputs());
        assertEquals(List.of("W1", "b1", "W2"), d.parameters().stream().map(ModelDescriptor.Parameter::name).toList());
        assertEquals(java.util.Set.of("function"), d.kernels());
        assertEquals(d, ModelDescriptor.fromJson(d.toJson()));
        double[] out = new double[2];
        fn.function().value(new double[] {0.1, 0.2}, fn.defaultParameters(), out);
        double[] same = new double[2];
        compiled.load().function("predict").function().value(new double[] {0.1, 0.2}, fn.defaultParameters(), same);
        assertArrayEquals(same, out, 0.0);

        ModelDescriptor elbo = byName(set, "elbo").descriptor();
        assertEquals(List.of(new ModelDescriptor.Input("x", List.of(2), 0, Source.DATA),
                new ModelDescriptor.Input("eps", List.of(2), 2, Source.NORMAL),
                new ModelDescriptor.Input("u", List.of(), 4, Source.UNIFORM)), elbo.inputs());
        assertTrue(elbo.toJson().contains("\"source\": \"normal\"") || elbo.toJson().contains("\"source\":\"normal\""),
                elbo.toJson());
        // noise inputs are ordinary kernel inputs: the gradient reaches them
        double[] gIn = new double[5];
        byName(set, "elbo").loss().lossGradient(new double[] {0.2, 0.4, 0.1, -0.3, 0.5},
                byName(set, "elbo").defaultParameters(), gIn, new double[byName(set, "elbo").descriptor()
                        .parameterCount()]);
        assertTrue(gIn[2] != 0 && gIn[3] != 0 && gIn[4] != 0, java.util.Arrays.toString(gIn));
    }

    @Test
    void fnsAreFoundByNameWithTheAlternativesListed() {
        ModelSet set = compile();
        assertEquals(List.of("predict"), set.ofKind("function").stream().map(Model::name).toList());
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> set.function("predictor"));
        assertEquals("no fn called 'predictor'; the fns are predict", e.getMessage());
        ModelLoadException loss = assertThrows(ModelLoadException.class, () -> set.function("called"));
        assertEquals("no fn called 'called'; the fns are predict", loss.getMessage());
        ModelLoadException kernels = assertThrows(ModelLoadException.class, () -> byName(set, "called").function());
        assertTrue(kernels.getMessage().contains("has no function kernels"), kernels.getMessage());
    }

    private static Model byName(ModelSet set, String name) {
        return set.model(name);
    }

    @Test
    void aFileWithoutFnsSaysSo() {
        SourceFile src = SourceFile.of("l.geo", "loss l(a) = a^2;\n");
        Frontend.Result r = Frontend.check(src);
        ModelSet set = Compiler.compile(r.program(), src).load();
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> set.function("f"));
        assertEquals("no fn called 'f'; the model declares no fn", e.getMessage());
    }
}
