package geo.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The implicit hypergradient on a quadratic bilevel problem with a closed form:
 * inner L(θ, φ) = ½ θᵀAθ − θᵀBφ (θ* = A⁻¹Bφ), outer ℓ(θ, φ) = ½‖θ − t‖² + cᵀφ, so
 * dℓ/dφ = c + Bᵀ A⁻¹ (θ* − t).
 */
class ImplicitGradientTest {

    @Test
    void quadraticBilevelMatchesTheClosedForm() {
        int n = 6;
        int m = 3;
        double[][] a = ConjugateGradientTest.symmetric(n, 0.3, 11);
        SplittableRandom random = new SplittableRandom(12);
        double[][] bm = new double[n][m];
        for (double[] row : bm) {
            for (int j = 0; j < m; j++) {
                row[j] = random.nextDouble(-1, 1);
            }
        }
        double[] phi = random.doubles(m, -1, 1).toArray();
        double[] t = random.doubles(n, -1, 1).toArray();
        double[] c = random.doubles(m, -1, 1).toArray();
        double[] bphi = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                bphi[i] += bm[i][j] * phi[j];
            }
        }
        double[] theta = ConjugateGradientTest.direct(a, bphi);
        double[] outerTheta = new double[n];
        for (int i = 0; i < n; i++) {
            outerTheta[i] = theta[i] - t[i];
        }
        ImplicitGradient.SecondOrder inner = new ImplicitGradient.SecondOrder() {
            @Override
            public int thetaSize() {
                return n;
            }

            @Override
            public int phiSize() {
                return m;
            }

            @Override
            public void hvp(double[] v, double[] hTheta, double[] hPhi) {
                LinearOperator.dense(a).apply(v, hTheta);
                for (int j = 0; j < m; j++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s -= bm[i][j] * v[i];
                    }
                    hPhi[j] = s;
                }
            }
        };
        ImplicitGradient.Result r = ImplicitGradient.hypergradient(inner, outerTheta, c,
                ConjugateGradient.Settings.DEFAULTS.withTolerance(1e-13));
        assertTrue(r.converged(), r.solve().message());
        double[] u = ConjugateGradientTest.direct(a, outerTheta);
        for (int j = 0; j < m; j++) {
            double want = c[j];
            for (int i = 0; i < n; i++) {
                want += bm[i][j] * u[i];
            }
            assertEquals(want, r.gradient()[j], 1e-10 * (1 + Math.abs(want)));
        }
        // The normal-equations form with a tiny ridge agrees to the ridge's order.
        ImplicitGradient.Result normal = ImplicitGradient.hypergradient(inner, outerTheta, c,
                ConjugateGradient.Settings.DEFAULTS.withForm(ConjugateGradient.Form.NORMAL).withRidge(1e-12)
                        .withTolerance(1e-13));
        for (int j = 0; j < m; j++) {
            assertEquals(r.gradient()[j], normal.gradient()[j], 1e-7);
        }
    }
}
