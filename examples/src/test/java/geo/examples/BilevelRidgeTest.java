package geo.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.api.LossKernels;
import geo.runtime.api.ModelDescriptor;
import geo.runtime.linalg.Dense;
import geo.runtime.load.ModelSet;
import geo.runtime.optim.ConjugateGradient;
import geo.runtime.optim.ImplicitGradient;
import geo.runtime.optim.Lbfgs;
import geo.runtime.optim.LossHessian;
import geo.runtime.optim.OptimResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue #15: the hypergradient of a bilevel ridge regression with learned row weights
 * ({@code examples/fit/bilevel_ridge.geo}) by {@link ImplicitGradient} on the compiled losses'
 * Hessian–vector products matches the closed form to 1e-6. Inner: θ*(φ) = (XᵀWX + λI)⁻¹XᵀWy,
 * W = diag(w), wᵢ = exp(φᵀxᵢ), λ = 0.01·n; outer: the validation MSE ℓ(θ*) = (1/m)‖X_vθ* − y_v‖².
 * Closed form: with A = XᵀWX + λI, g = ∂ℓ/∂θ = (2/m)X_vᵀ(X_vθ* − y_v) and u = A⁻¹g,
 * dℓ/dφ_k = Σᵢ (uᵀxᵢ) wᵢ x_ik (yᵢ − xᵢᵀθ*) (from ∂θ*(φ)/∂φ_k = A⁻¹Xᵀ(∂W/∂φ_k)(y − Xθ*)).
 */
class BilevelRidgeTest {

    static final int D = 3;

    record Problem(double[] x, double[] rows, int n) {
    }

    static Problem rows(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] rows = new double[n * (D + 1)];
        double[] truth = {1, -0.5, 2};
        for (int r = 0; r < n; r++) {
            double y = 0;
            for (int i = 0; i < D; i++) {
                double v = random.nextGaussian();
                rows[r * (D + 1) + i] = v;
                y += truth[i] * v;
            }
            // Noise growing with |x₀|: rows worth down-weighting, so dℓ/dφ is far from 0.
            rows[r * (D + 1) + D] = y + 0.3 * (1 + Math.abs(rows[r * (D + 1)])) * random.nextGaussian();
        }
        return new Problem(null, rows, n);
    }

    static double x(Problem p, int r, int i) {
        return p.rows()[r * (D + 1) + i];
    }

    static double y(Problem p, int r) {
        return p.rows()[r * (D + 1) + D];
    }

    static int[] block(ModelDescriptor d, String name) {
        for (ModelDescriptor.Parameter p : d.parameters()) {
            if (p.name().equals(name)) {
                int[] idx = new int[p.size()];
                for (int k = 0; k < idx.length; k++) {
                    idx[k] = p.offset() + k;
                }
                return idx;
            }
        }
        throw new AssertionError("no parameter " + name);
    }

    @Test
    void implicitHypergradientMatchesTheClosedForm() throws IOException {
        SourceFile source = SourceFile.read(Path.of("fit", "bilevel_ridge.geo"));
        Frontend.Result checked = Frontend.check(source);
        assertTrue(checked.ok(), checked.diagnostics().render());
        ModelSet set = Compiler.compile(checked.program(), source).load();
        LossKernels inner = (LossKernels) set.model("inner").newInstance();
        LossKernels outer = (LossKernels) set.model("outer").newInstance();
        ModelDescriptor d = set.model("inner").descriptor();
        int[] thetaIdx = block(d, "theta");
        int[] phiIdx = block(d, "phi");

        Problem train = rows(200, 1);
        Problem val = rows(100, 2);
        double[] phi = {0.4, -0.3, 0.2};
        int n = train.n();
        double lambda = 0.01 * n;

        // θ* in closed form.
        double[] w = new double[n];
        double[] a = new double[D * D];
        double[] b = new double[D];
        for (int r = 0; r < n; r++) {
            double s = 0;
            for (int i = 0; i < D; i++) {
                s += phi[i] * x(train, r, i);
            }
            w[r] = Math.exp(s);
            for (int i = 0; i < D; i++) {
                b[i] += x(train, r, i) * w[r] * y(train, r);
                for (int j = 0; j < D; j++) {
                    a[i * D + j] += x(train, r, i) * w[r] * x(train, r, j);
                }
            }
        }
        for (int i = 0; i < D; i++) {
            a[i * D + i] += lambda;
        }
        double[] thetaStar = b.clone();
        assertTrue(Dense.solve(a.clone(), thetaStar, D));

        // The closed-form hypergradient.
        double[] g = new double[D];
        for (int r = 0; r < val.n(); r++) {
            double res = -y(val, r);
            for (int i = 0; i < D; i++) {
                res += x(val, r, i) * thetaStar[i];
            }
            for (int i = 0; i < D; i++) {
                g[i] += 2.0 / val.n() * x(val, r, i) * res;
            }
        }
        double[] u = g.clone();
        assertTrue(Dense.solve(a.clone(), u, D));
        double[] want = new double[D];
        for (int r = 0; r < n; r++) {
            double ux = 0;
            double res = y(train, r);
            for (int i = 0; i < D; i++) {
                ux += u[i] * x(train, r, i);
                res -= x(train, r, i) * thetaStar[i];
            }
            for (int k = 0; k < D; k++) {
                want[k] += ux * w[r] * x(train, r, k) * res;
            }
        }

        // The implicit hypergradient from the compiled kernels, at the closed-form θ*, then at an L-BFGS θ*.
        double[] theta = new double[d.parameterCount()];
        for (int k = 0; k < D; k++) {
            theta[thetaIdx[k]] = thetaStar[k];
            theta[phiIdx[k]] = phi[k];
        }
        assertHypergradient(want, hypergradient(inner, outer, train, val, theta, thetaIdx, phiIdx), 1e-9);

        double[] fitted = theta.clone();
        for (int k : thetaIdx) {
            fitted[k] = 0;
        }
        double[] block = new double[D];
        double[] gPhi = new double[D];
        OptimResult r = new Lbfgs(Lbfgs.Settings.defaults().withGradientTolerance(1e-12)).minimize((x, grad) -> {
            for (int k = 0; k < D; k++) {
                fitted[thetaIdx[k]] = x[k];
            }
            return LossHessian.meanGradient(inner, train.rows(), D + 1, fitted, thetaIdx, phiIdx, grad, gPhi);
        }, block);
        assertTrue(r.converged(), r.message());
        for (int k = 0; k < D; k++) {
            fitted[thetaIdx[k]] = block[k];
        }
        assertHypergradient(want, hypergradient(inner, outer, train, val, fitted, thetaIdx, phiIdx), 1e-6);
    }

    static double[] hypergradient(LossKernels inner, LossKernels outer, Problem train, Problem val, double[] theta,
                                  int[] thetaIdx, int[] phiIdx) {
        double[] outerTheta = new double[D];
        double[] outerPhi = new double[D];
        LossHessian.meanGradient(outer, val.rows(), D + 1, theta, thetaIdx, phiIdx, outerTheta, outerPhi);
        LossHessian h = new LossHessian(inner, train.rows(), D + 1, theta, thetaIdx, phiIdx);
        ImplicitGradient.Result plain = ImplicitGradient.hypergradient(h, outerTheta, outerPhi,
                ConjugateGradient.Settings.DEFAULTS.withTolerance(1e-13));
        assertTrue(plain.converged(), plain.solve().message());
        assertTrue(plain.solve().iterations() <= 10, plain.solve().message());
        // TaskMet's form: CG on the normal equations with a small ridge gives the same to the ridge's order.
        ImplicitGradient.Result normal = ImplicitGradient.hypergradient(h, outerTheta, outerPhi,
                ConjugateGradient.Settings.DEFAULTS.withForm(ConjugateGradient.Form.NORMAL).withRidge(1e-12)
                        .withTolerance(1e-13));
        for (int k = 0; k < D; k++) {
            assertEquals(plain.gradient()[k], normal.gradient()[k], 1e-8 * (1 + Math.abs(plain.gradient()[k])));
        }
        return plain.gradient();
    }

    static void assertHypergradient(double[] want, double[] got, double tolerance) {
        double scale = 0;
        for (double v : want) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 1e-3, "the hypergradient should not vanish here: " + scale);
        for (int k = 0; k < D; k++) {
            assertEquals(want[k], got[k], tolerance * scale, "dℓ/dφ[" + k + "]");
        }
    }
}
