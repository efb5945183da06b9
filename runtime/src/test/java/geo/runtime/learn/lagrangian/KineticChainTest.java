package geo.runtime.learn.lagrangian;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link KineticChain}: w = Lᵀq and q = L⁻ᵀw are inverse, L Lᵀ is the kinetic Hessian K, and the
 * pulled gradient is the chain rule's (∂/∂w of aᵀq(w) = L⁻¹a), all to 1e-13.
 */
class KineticChainTest {

    @Test
    void transformsAreConsistent() {
        SplittableRandom r = new SplittableRandom(5);
        for (boolean freeEnd : new boolean[] {false, true}) {
            int n = 7;
            KineticChain c = new KineticChain(n, 2, freeEnd);
            double[] q = new double[2 * n];
            for (int k = 0; k < q.length; k++) {
                q[k] = r.nextDouble(-1, 1);
            }
            double[] w = new double[2 * n];
            double[] back = new double[2 * n];
            c.toW(q, w);
            c.toQ(w, back);
            for (int k = 0; k < q.length; k++) {
                assertEquals(q[k], back[k], 1e-13);
            }
            // |w|² = qᵀ L Lᵀ q = qᵀ K q, per coordinate.
            for (int i = 0; i < 2; i++) {
                double ww = 0;
                double qkq = 0;
                for (int k = 0; k < n; k++) {
                    ww += w[2 * k + i] * w[2 * k + i];
                    double kk = freeEnd && k == n - 1 ? 1 : 2;
                    double row = kk * q[2 * k + i];
                    if (k > 0) {
                        row -= q[2 * (k - 1) + i];
                    }
                    if (k + 1 < n) {
                        row -= q[2 * (k + 1) + i];
                    }
                    qkq += q[2 * k + i] * row;
                }
                assertEquals(qkq, ww, 1e-12);
            }
            // f(q) = aᵀq: ∂f/∂w_j = aᵀ q(e_j) (q linear in w) must equal the pulled gradient.
            double[] a = new double[2 * n];
            for (int k = 0; k < a.length; k++) {
                a[k] = r.nextDouble(-1, 1);
            }
            double[] gw = new double[2 * n];
            c.pullGradient(a, gw);
            double[] e = new double[2 * n];
            for (int j = 0; j < e.length; j++) {
                java.util.Arrays.fill(e, 0);
                e[j] = 1;
                c.toQ(e, back);
                double d = 0;
                for (int k = 0; k < a.length; k++) {
                    d += a[k] * back[k];
                }
                assertEquals(d, gw[j], 1e-13);
            }
        }
    }
}
