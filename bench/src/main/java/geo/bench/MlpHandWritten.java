package geo.bench;

/**
 * The 2→64→64→1 tanh network of {@code mlp.geo} and its squared error
 * ℓ = (w₃ᵀ tanh(W₂ tanh(W₁x + b₁) + b₂) + b₃ − y)², forward and backward, written by hand in plain
 * Java as a competent programmer would: matrix–vector loops over row-major arrays, one tanh per
 * unit, backpropagation with the derivative tanh' = 1 − h², no allocation per example. It is the
 * peer {@link NetworkLossBenchmark} measures the compiled {@code lossGradient} against.
 *
 * <p>θ is laid out as the compiler lays it out (parameters in declaration order, matrices row by
 * row): W₁ (64×2), b₁ (64), W₂ (64×64), b₂ (64), w₃ (64), b₃. The backward pass is the chain rule
 * (Goodfellow, Bengio and Courville, <i>Deep Learning</i>, 2016, §6.5): with r = out − y,
 * δ₂ = 2r·w₃ ⊙ (1 − h₂²), δ₁ = (W₂ᵀδ₂) ⊙ (1 − h₁²), ∂ℓ/∂W₂ = δ₂h₁ᵀ, ∂ℓ/∂W₁ = δ₁xᵀ, ∂ℓ/∂x = W₁ᵀδ₁.
 */
final class MlpHandWritten {

    static final int IN = 2;
    static final int H = 64;
    static final int W1 = 0;
    static final int B1 = W1 + H * IN;
    static final int W2 = B1 + H;
    static final int B2 = W2 + H * H;
    static final int W3 = B2 + H;
    static final int B3 = W3 + H;
    /** The number of parameters, 4,417. */
    static final int P = B3 + 1;

    private final double[] h1 = new double[H];
    private final double[] h2 = new double[H];
    private final double[] d1 = new double[H];

    /** ℓ at in = (x₀, x₁, y). */
    double loss(double[] in, double[] th) {
        double x0 = in[0];
        double x1 = in[1];
        for (int i = 0; i < H; i++) {
            h1[i] = Math.tanh(th[W1 + 2 * i] * x0 + th[W1 + 2 * i + 1] * x1 + th[B1 + i]);
        }
        double out = th[B3];
        for (int i = 0; i < H; i++) {
            double a = th[B2 + i];
            int row = W2 + i * H;
            for (int j = 0; j < H; j++) {
                a += th[row + j] * h1[j];
            }
            out += th[W3 + i] * Math.tanh(a);
        }
        double r = out - in[2];
        return r * r;
    }

    /**
     * ℓ and its gradient: gIn = ∂ℓ/∂(x₀, x₁, y), gTheta = ∂ℓ/∂θ, both overwritten.
     *
     * @return ℓ
     */
    double lossGradient(double[] in, double[] th, double[] gIn, double[] gTheta) {
        double x0 = in[0];
        double x1 = in[1];
        for (int i = 0; i < H; i++) {
            h1[i] = Math.tanh(th[W1 + 2 * i] * x0 + th[W1 + 2 * i + 1] * x1 + th[B1 + i]);
        }
        double out = th[B3];
        for (int i = 0; i < H; i++) {
            double a = th[B2 + i];
            int row = W2 + i * H;
            for (int j = 0; j < H; j++) {
                a += th[row + j] * h1[j];
            }
            double h = Math.tanh(a);
            h2[i] = h;
            out += th[W3 + i] * h;
        }
        double r = out - in[2];
        double dOut = 2 * r;
        gTheta[B3] = dOut;
        gIn[2] = -dOut;
        for (int j = 0; j < H; j++) {
            d1[j] = 0;
        }
        for (int i = 0; i < H; i++) {
            double h = h2[i];
            gTheta[W3 + i] = dOut * h;
            double d2 = dOut * th[W3 + i] * (1 - h * h);
            gTheta[B2 + i] = d2;
            int row = W2 + i * H;
            for (int j = 0; j < H; j++) {
                gTheta[row + j] = d2 * h1[j];
                d1[j] += th[row + j] * d2;
            }
        }
        double g0 = 0;
        double g1 = 0;
        for (int j = 0; j < H; j++) {
            double h = h1[j];
            double d = d1[j] * (1 - h * h);
            gTheta[B1 + j] = d;
            gTheta[W1 + 2 * j] = d * x0;
            gTheta[W1 + 2 * j + 1] = d * x1;
            g0 += th[W1 + 2 * j] * d;
            g1 += th[W1 + 2 * j + 1] * d;
        }
        gIn[0] = g0;
        gIn[1] = g1;
        return r * r;
    }
}
