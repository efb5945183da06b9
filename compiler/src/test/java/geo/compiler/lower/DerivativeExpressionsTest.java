package geo.compiler.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.ad.ForwardMode;
import geo.compiler.check.CheckedProgram;
import geo.compiler.derive.Kernels;
import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.interp.Bindings;
import geo.compiler.interp.Program;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Symbol;
import geo.compiler.source.SourceFile;
import geo.runtime.api.LossKernels;
import geo.runtime.load.Model;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code grad}, {@code jacobian} and {@code pullback} as expressions: against closed forms
 * (polynomials and sin, a two-layer network's hand-derived Jacobian in both AD modes), pullback
 * node for node against jacobian' * jacobian and against its former construction, and a loss that
 * contains ∇ₚφ(p) of a tanh network: its value against a hand-written evaluation, its θ-gradient
 * and HVP against central finite differences of the value and of the gradient (relative tolerance
 * {@value #RTOL} of the largest component), the compiled kernels against the interpreter bit for
 * bit; and logsumexp with its softmax gradient at arguments near ±1000.
 */
class DerivativeExpressionsTest {

    /** Tolerance of derivatives against central differences, relative to the largest component. */
    private static final double RTOL = 1e-7;
    /** Central-difference step (truncation ~h²·|f'''| ≈ 1e-10, rounding ~1e-16/h ≈ 1e-11 relative). */
    private static final double H = 1e-5;

    private static CheckedProgram check(String src) {
        Frontend.Result r = Frontend.check(SourceFile.of("t.geo", src));
        assertTrue(r.ok(), r.diagnostics().render());
        return r.program();
    }

    private static double[] eval(LoweredModel m, String let, double[] x, double[] theta) {
        return Program.compile(m.lets().get(let).elements()).evaluate(new Bindings().coords(x).params(theta));
    }

    private static void close(double expected, double got, double tol, String what) {
        assertTrue(Math.abs(expected - got) <= tol * Math.max(1, Math.abs(expected)),
                what + ": expected " + expected + ", got " + got);
    }

    @Test
    void gradAndHessianRowsOfAPolynomialWithSin() {
        NodeFactory f = new NodeFactory();
        CheckedProgram p = check("""
                manifold M {
                  coords x[3];
                  let p = x[0]^3 * x[1] + sin(x[2]) * x[0];
                  let gr = grad(p, x);
                  let h0 = grad(grad(p, x)[0], x);
                  let gi = grad(p, x[2]);
                  let gl = grad(p, [x[2], x[0]]);
                  let gs = grad(p, x[1:3]);
                  metric g = eye(3);
                }
                """);
        LoweredModel m = Lowering.lowerModel(p, p.manifolds().get(0), f);
        Random rnd = new Random(3);
        for (int trial = 0; trial < 50; trial++) {
            double[] x = {rnd.nextGaussian() * 2, rnd.nextGaussian() * 2, rnd.nextGaussian() * 2};
            double[] gr = {3 * x[0] * x[0] * x[1] + Math.sin(x[2]), x[0] * x[0] * x[0], x[0] * Math.cos(x[2])};
            double[] h0 = {6 * x[0] * x[1], 3 * x[0] * x[0], Math.cos(x[2])};
            double[] got = eval(m, "gr", x, new double[0]);
            double[] hessian = eval(m, "h0", x, new double[0]);
            for (int i = 0; i < 3; i++) {
                close(gr[i], got[i], 1e-14, "grad " + i);
                close(h0[i], hessian[i], 1e-14, "Hessian row 0, " + i);
            }
            close(gr[2], eval(m, "gi", x, new double[0])[0], 1e-14, "grad by x[2]");
            double[] gl = eval(m, "gl", x, new double[0]);
            close(gr[2], gl[0], 1e-14, "grad by [x[2], x[0]], 0");
            close(gr[0], gl[1], 1e-14, "grad by [x[2], x[0]], 1");
            double[] gs = eval(m, "gs", x, new double[0]);
            close(gr[1], gs[0], 1e-14, "grad by x[1:3], 0");
            close(gr[2], gs[1], 1e-14, "grad by x[1:3], 1");
        }
    }

    /**
     * mu = W2 tanh(W1 x + b1) + b2 has J = W2 diag(1 − h²) W1 with h = tanh(W1 x + b1). J (2×3)
     * is built in reverse mode (m = 2 &lt; n = 3), the hidden layer's Jacobian (5×3) in forward mode.
     */
    @Test
    void jacobianOfATwoLayerNetworkMatchesTheHandDerivedOne() {
        NodeFactory f = new NodeFactory();
        CheckedProgram p = check("""
                manifold N {
                  coords x[3];
                  param W1[5, 3] ~ normal(0, 1);
                  param b1[5] ~ normal(0, 1);
                  param W2[2, 5] ~ normal(0, 1);
                  param b2[2] ~ normal(0, 1);
                  let mu = W2 * tanh(W1 * x + b1) + b2;
                  let J = jacobian(mu, x);
                  let Jh = jacobian(tanh(W1 * x + b1), x);
                  let Js = jacobian(mu[0], x);
                  let Jc = jacobian(mu, x[1]);
                  metric g = eye(3) + J' * J;
                }
                """);
        LoweredModel m = Lowering.lowerModel(p, p.manifolds().get(0), f);
        ParamLayout layout = m.params();
        Random rnd = new Random(11);
        for (int trial = 0; trial < 20; trial++) {
            double[] theta = new double[layout.size()];
            for (int i = 0; i < theta.length; i++) {
                theta[i] = rnd.nextGaussian();
            }
            double[] x = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
            int w1 = layout.entry("W1").offset();
            int bb1 = layout.entry("b1").offset();
            int w2 = layout.entry("W2").offset();
            double[] dh = new double[5];
            for (int k = 0; k < 5; k++) {
                double a = theta[bb1 + k];
                for (int j = 0; j < 3; j++) {
                    a += theta[w1 + k * 3 + j] * x[j];
                }
                double h = Math.tanh(a);
                dh[k] = 1 - h * h;
            }
            double[] j = eval(m, "J", x, theta);
            double[] jh = eval(m, "Jh", x, theta);
            double[] js = eval(m, "Js", x, theta);
            double[] jc = eval(m, "Jc", x, theta);
            for (int c = 0; c < 3; c++) {
                for (int k = 0; k < 5; k++) {
                    close(dh[k] * theta[w1 + k * 3 + c], jh[k * 3 + c], 1e-14, "hidden Jacobian " + k + "," + c);
                }
                for (int r = 0; r < 2; r++) {
                    double expected = 0;
                    for (int k = 0; k < 5; k++) {
                        expected += theta[w2 + r * 5 + k] * dh[k] * theta[w1 + k * 3 + c];
                    }
                    close(expected, j[r * 3 + c], 1e-13, "J " + r + "," + c);
                    if (r == 0) {
                        close(expected, js[c], 1e-13, "jacobian of a scalar, 1×3, " + c);
                    }
                    if (c == 1) {
                        close(expected, jc[r], 1e-13, "jacobian by a scalar, 2×1, " + r);
                    }
                }
            }
        }
        assertEquals("[1, 3]", m.lets().get("Js").shape().toString());
        assertEquals("[2, 1]", m.lets().get("Jc").shape().toString());
    }

    /** pullback(mu, z) is jacobian(mu, z)' * jacobian(mu, z), and the IR pullback built before it was. */
    @Test
    void pullbackIsJacobianTransposeTimesJacobianNodeForNode() {
        NodeFactory f = new NodeFactory();
        CheckedProgram p = check("""
                def layer(W, b, x) = tanh(W * x + b);
                manifold Latent {
                  coords z[2];
                  param W1[16, 2] ~ normal(0, 0.5);
                  param b1[16] ~ uniform(-0.1, 0.1);
                  param Wm[3, 16] ~ normal(0, 0.5);
                  param bm[3] = zeros;
                  let mu = Wm * layer(W1, b1, z) + bm;
                  let P = pullback(mu, z);
                  let Q = jacobian(mu, z)' * jacobian(mu, z);
                  metric g = pullback(mu, z) + 1e-4 * eye(2);
                }
                """);
        LoweredModel m = Lowering.lowerModel(p, p.manifolds().get(0), f);
        Node[] pb = m.lets().get("P").elements();
        Node[] q = m.lets().get("Q").elements();
        Node[] mu = m.lets().get("mu").elements();
        // The construction pullback had before it was defined by jacobian: one JVP per coordinate,
        // g_ij = Σ_k ∂mu_k/∂z_i · ∂mu_k/∂z_j.
        Node[][] columns = new Node[2][];
        for (int i = 0; i < 2; i++) {
            columns[i] = ForwardMode.jvp(f, mu, Map.of(m.coordinates().get(i), f.one()));
        }
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                Node[] terms = new Node[3];
                for (int k = 0; k < 3; k++) {
                    terms[k] = f.mul(columns[i][k], columns[j][k]);
                }
                assertSame(f.add(terms), pb[i * 2 + j], "pullback as before, " + i + "," + j);
                assertSame(q[i * 2 + j], pb[i * 2 + j], "jacobian' * jacobian, " + i + "," + j);
            }
        }
        assertSame(pb[1], pb[2], "symmetric: one node for both off-diagonal entries");
    }

    private static final String POTENTIAL = """
            param W1[8, 2] ~ normal(0, 0.7);
            param b1[8] ~ uniform(-0.3, 0.3);
            param w2[8] ~ normal(0, 0.7);
            param Wa[3, 2] ~ normal(0, 0.3);
            def phi(q) = dot(w2, tanh(W1 * q + b1));
            def A(q) = [[exp(dot(Wa[0, :], q)), 0], [dot(Wa[1, :], q), exp(dot(Wa[2, :], q))]];
            def energy(q) = grad(phi(q), q);
            loss pen(p[2]) = 0.5 * grad(phi(p), p)' * A(p) * A(p)' * grad(phi(p), p);
            loss pen2(p[2]) = 0.5 * energy(p)' * A(p) * A(p)' * energy(p);
            """;

    /** ½ gᵀ A Aᵀ g with g = ∇φ(p) = W1ᵀ (w2 ⊙ (1 − tanh²(W1 p + b1))), written out in Java. */
    private static double penByHand(double[] in, double[] theta, ParamLayout layout) {
        int w1 = layout.entry("W1").offset();
        int b1 = layout.entry("b1").offset();
        int w2 = layout.entry("w2").offset();
        int wa = layout.entry("Wa").offset();
        double[] g = new double[2];
        for (int k = 0; k < 8; k++) {
            double a = theta[b1 + k] + theta[w1 + 2 * k] * in[0] + theta[w1 + 2 * k + 1] * in[1];
            double t = Math.tanh(a);
            double s = theta[w2 + k] * (1 - t * t);
            g[0] += s * theta[w1 + 2 * k];
            g[1] += s * theta[w1 + 2 * k + 1];
        }
        double l00 = Math.exp(theta[wa] * in[0] + theta[wa + 1] * in[1]);
        double l10 = theta[wa + 2] * in[0] + theta[wa + 3] * in[1];
        double l11 = Math.exp(theta[wa + 4] * in[0] + theta[wa + 5] * in[1]);
        double u0 = l00 * g[0] + l10 * g[1];  // (Aᵀ g)_0
        double u1 = l11 * g[1];               // (Aᵀ g)_1
        return 0.5 * (u0 * u0 + u1 * u1);
    }

    /**
     * The done-when of issue 15 on derivatives: a loss containing ∇ₚφ(p) of a tanh network still has
     * its θ-gradient (second derivatives of φ) and HVP (third), which agree with central differences
     * of the loss and of its gradient; compiled kernels compute the interpreter's bits.
     */
    @Test
    void aLossContainingAGradientHasItsThetaGradientAndHvp() {
        NodeFactory f = new NodeFactory();
        SourceFile source = SourceFile.of("t.geo", POTENTIAL);
        Frontend.Result r = Frontend.check(source);
        assertTrue(r.ok(), r.diagnostics().render());
        CheckedProgram p = r.program();
        LoweredLoss loss = Lowering.lowerLoss(p, p.losses().get(0), f);
        LoweredLoss viaDef = Lowering.lowerLoss(p, p.losses().get(1), f);
        assertSame(loss.value(), viaDef.value(), "grad through a def whose argument is the loss's input");
        int n = loss.inputCount();
        int dim = n + loss.params().size();
        Program value = Program.compile(loss.value());
        Program grad = Program.compile(Kernels.lossGradient(f, loss));
        Program hvp = Program.compile(Kernels.lossHvp(f, loss));
        Model compiled = Compiler.compile(p, source).load().models().stream()
                .filter(mm -> mm.descriptor().name().equals("pen")).findFirst().orElseThrow();
        LossKernels k = (LossKernels) compiled.newInstance();
        Random rnd = new Random(5);
        double worstGradient = 0;
        double worstHvp = 0;
        for (int trial = 0; trial < 10; trial++) {
            double[] z = new double[dim];
            double[] w = new double[dim];
            for (int i = 0; i < dim; i++) {
                z[i] = rnd.nextGaussian() * 0.8;
                w[i] = rnd.nextGaussian();
            }
            double[] in = java.util.Arrays.copyOfRange(z, 0, n);
            double[] theta = java.util.Arrays.copyOfRange(z, n, dim);
            double v = value.evaluate(bind(z, n))[0];
            close(penByHand(in, theta, loss.params()), v, 1e-13, "loss value");
            double[] g = grad.evaluate(bind(z, n));
            double gMax = maxAbs(g);
            for (int i = 0; i < dim; i++) {
                double fd = (value.evaluate(bind(axpy(z, H, unit(dim, i)), n))[0]
                        - value.evaluate(bind(axpy(z, -H, unit(dim, i)), n))[0]) / (2 * H);
                worstGradient = Math.max(worstGradient, Math.abs(fd - g[i]) / gMax);
                assertTrue(Math.abs(fd - g[i]) <= RTOL * gMax, "gradient " + i + ": AD " + g[i] + ", FD " + fd);
            }
            double[] hw = hvp.evaluate(new Bindings().inputs(concat(in, w)).params(theta));
            double[] gp = grad.evaluate(bind(axpy(z, H, w), n));
            double[] gm = grad.evaluate(bind(axpy(z, -H, w), n));
            double hMax = maxAbs(hw);
            for (int i = 0; i < dim; i++) {
                double fd = (gp[i] - gm[i]) / (2 * H);
                worstHvp = Math.max(worstHvp, Math.abs(fd - hw[i]) / hMax);
                assertTrue(Math.abs(fd - hw[i]) <= RTOL * hMax, "HVP " + i + ": AD " + hw[i] + ", FD " + fd);
            }
            // The compiled kernels: the interpreter's bits.
            assertEquals(Double.doubleToLongBits(v), Double.doubleToLongBits(k.loss(in, theta)), "compiled loss");
            double[] gIn = new double[n];
            double[] gTheta = new double[theta.length];
            k.lossGradient(in, theta, gIn, gTheta);
            double[] hIn = new double[n];
            double[] hTheta = new double[theta.length];
            k.lossHvp(in, theta, java.util.Arrays.copyOfRange(w, 0, n), java.util.Arrays.copyOfRange(w, n, dim), hIn,
                    hTheta);
            for (int i = 0; i < dim; i++) {
                assertEquals(Double.doubleToLongBits(g[i]), Double.doubleToLongBits(i < n ? gIn[i] : gTheta[i - n]),
                        "compiled gradient " + i);
                assertEquals(Double.doubleToLongBits(hw[i]), Double.doubleToLongBits(i < n ? hIn[i] : hTheta[i - n]),
                        "compiled HVP " + i);
            }
        }
        System.out.printf("grad inside a loss: largest |AD - FD| / max|AD|: gradient %.2e, HVP %.2e%n",
                worstGradient, worstHvp);
    }

    /** logsumexp near ±1000 (where exp overflows) against 40-digit references; its gradient is softmax. */
    @Test
    void logsumexpAndItsSoftmaxGradientAtExtremes() {
        NodeFactory f = new NodeFactory();
        CheckedProgram p = check("loss l(v[4]) = logsumexp(v);\n");
        LoweredLoss loss = Lowering.lowerLoss(p, p.losses().get(0), f);
        Program value = Program.compile(loss.value());
        Program grad = Program.compile(Kernels.lossGradient(f, loss));
        Program hvp = Program.compile(Kernels.lossHvp(f, loss));
        double[][] vs = {{1000, 1000.5, -1000, 999}, {-1000, -1000, -1000, -1000}, {0, 0, 0, 0},
            {-745, -746, -800, -760}, {1e-3, -2e-3, 3e-3, 0}};
        double[] refs = {1001.104130605336728272, -998.6137056388801093812, 1.386294361119890618834,
            -744.686738088849286546, 1.386795986119385410787};
        for (int c = 0; c < vs.length; c++) {
            double[] v = vs[c];
            double lse = value.evaluate(new Bindings().inputs(v))[0];
            assertEquals(refs[c], lse, 2 * Math.ulp(refs[c]), "logsumexp case " + c);
            double[] g = grad.evaluate(new Bindings().inputs(v));
            double[] w = {0.3, -1.1, 0.7, 2.0};
            double[] hw = hvp.evaluate(new Bindings().inputs(concat(v, w)));
            double sw = 0;
            double[] s = new double[4];
            for (int i = 0; i < 4; i++) {
                s[i] = Math.exp(v[i] - refs[c]);
                sw += s[i] * w[i];
            }
            // exp(v_i − lse) carries the rounding of v_i − lse, up to ulp(max |v_i|) absolute in the
            // exponent (1.1e-13 at 1000), so the tolerance is relative to that.
            double tol = 4 * Math.ulp(Math.max(1, Math.max(Math.abs(v[0]), Math.abs(refs[c]))));
            for (int i = 0; i < 4; i++) {
                assertEquals(s[i], g[i], tol, "softmax " + i + " of case " + c);
                // H = diag(s) − s sᵀ, so H w = s ⊙ w − s (sᵀ w).
                assertEquals(s[i] * w[i] - s[i] * sw, hw[i], 4 * tol, "HVP " + i + " of case " + c);
            }
        }
        Random rnd = new Random(9);
        for (int trial = 0; trial < 1000; trial++) {
            double[] v = new double[4];
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < 4; i++) {
                v[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(5) - 1);
                max = Math.max(max, v[i]);
            }
            double sum = 0;
            for (double x : v) {
                sum += Math.exp(x - max);
            }
            double reference = max + Math.log(sum);
            double lse = value.evaluate(new Bindings().inputs(v))[0];
            assertEquals(reference, lse, 8 * Math.ulp(Math.max(1, Math.abs(reference))), "against max-shifted");
        }
    }

    private static Bindings bind(double[] z, int inputs) {
        return new Bindings().inputs(java.util.Arrays.copyOfRange(z, 0, inputs))
                .params(java.util.Arrays.copyOfRange(z, inputs, z.length));
    }

    private static double[] unit(int n, int i) {
        double[] e = new double[n];
        e[i] = 1;
        return e;
    }

    private static double[] axpy(double[] x, double a, double[] y) {
        double[] out = x.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += a * y[i];
        }
        return out;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double x : a) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }
}
