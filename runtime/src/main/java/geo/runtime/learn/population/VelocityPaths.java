package geo.runtime.learn.population;

import geo.runtime.api.LagrangianKernels;
import geo.runtime.ode.AdaptiveOptions;
import geo.runtime.ode.DormandPrince54;
import geo.runtime.ode.OdeSystem;
import geo.runtime.optim.AdamW;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The trajectories of Scarvelis &amp; Solomon's data, made as their code makes them
 * ({@code metric-from-snapshots.md} §1a, "How the trajectories were generated";
 * {@code code/data_generation.py::compute_A_geodesic}): not an exact geodesic but, for each pair
 * (x₀, x₁), a fresh velocity network u: R² → R², 2 → 64 → 64 → 2 with ELU, initialised as PyTorch's
 * {@code nn.Linear} (weights and biases U(±1/√fan_in)), fitted by AdamW (rate 10⁻³, decoupled decay
 * 10⁻³, β = (0.9, 0.999), ε = 10⁻⁸) for 100 iterations to
 * <pre>
 *   ℓ(u) = (1/n) Σ_{k=0}^{n−1} u(x_k)ᵀ A(x_k) u(x_k) + λ ‖x_{n−1} − x₁‖₂        (the norm, not its square)
 * </pre>
 * where x_k = x(t_k) on the output grid t_k = k/(n − 1) is integrated from x₀ by torchdiffeq's
 * fixed-grid {@code explicit_adams} (one step per grid interval: the 3/8-rule RK4 while fewer than 3
 * past slopes are known, then Adams–Bashforth of the order of the known slopes), and the
 * gradient is the exact derivative of that discrete loss (reverse mode through the steps, as
 * autograd). The recorded trajectory is x(t_k) of the fitted field re-integrated by the adaptive
 * Dormand–Prince 5(4) method at rtol 10⁻⁷, atol 10⁻⁹ (torchdiffeq's default {@code dopri5}).
 *
 * <p>The energy's A is the original code's A_true = I − vvᵀ, obtained from the true metric model
 * G = I − (1 − ε)ṽṽᵀ as A = I + κ(G − I) with κ = s²/(1 − ε), where s is the length of the code's
 * v relative to the model's ṽ ({@link Field#codeFieldScale()}: 1.25 for X Paths, whose code v is not
 * normalised, so A is indefinite where |v| &gt; 1 and the energy rewards motion along v there; 1
 * otherwise). So uᵀAu = (1 − κ)|u|² + 2κ L(x, u) with the model's Lagrangian L = ½uᵀGu.
 * Not thread-safe: one instance per worker.
 */
public final class VelocityPaths {

    /**
     * Settings of the fit; {@link #DEFAULTS} are the original code's.
     *
     * @param iterations   AdamW iterations per pair
     * @param learningRate AdamW's rate
     * @param weightDecay  AdamW's decoupled decay
     * @param rtol         relative tolerance of the final integration
     * @param atol         absolute tolerance of the final integration
     */
    public record Options(int iterations, double learningRate, double weightDecay, double rtol, double atol) {
        public static final Options DEFAULTS = new Options(100, 1e-3, 1e-3, 1e-7, 1e-9);

        public Options {
            if (iterations < 0 || !(learningRate > 0) || !(weightDecay >= 0)) {
                throw new IllegalArgumentException("need iterations ≥ 0, a positive rate and a decay ≥ 0");
            }
        }

        public Options withIterations(int n) {
            return new Options(n, learningRate, weightDecay, rtol, atol);
        }
    }

    /** Hidden width of the velocity network. */
    public static final int HIDDEN = 64;
    private static final int H = HIDDEN;
    private static final int W1 = 0, B1 = W1 + 2 * H, W2 = B1 + H, B2 = W2 + H * H, W3 = B2 + H, B3 = W3 + 2 * H;
    /** Number of network parameters: 2·64 + 64 + 64·64 + 64 + 64·2 + 2 = 4482. */
    public static final int PARAMETERS = B3 + 2;
    /** The largest Adams–Bashforth order torchdiffeq's {@code explicit_adams} uses (max_order 12, minus 1). */
    private static final int MAX_ORDER = 11;

    private final LagrangianKernels truth;
    private final double[] truthTheta;
    private final double kappa;
    private final Options options;
    private final double[][] bashforth = bashforthCoefficients(MAX_ORDER);
    // scratch, sized for the largest grid seen
    private int capacity = -1;
    private double[][] z, f, z1, h1, z2, h2, zRows, yRows, states, gy, gf;
    private final double[] gx = new double[2], gv = new double[2], gTheta;

    /**
     * @param truth      the true metric's Lagrangian ½uᵀG(x)u (a fresh instance; this object owns it)
     * @param truthTheta the true model's parameters
     * @param codeScale  s, the length of the code's v over the model's ṽ (κ = s²/(1 − ε))
     * @param options    the fit's settings
     */
    public VelocityPaths(LagrangianKernels truth, double[] truthTheta, double codeScale, Options options) {
        this.truth = truth;
        this.truthTheta = truthTheta.clone();
        this.kappa = codeScale * codeScale / (1 - SnapshotGenerator.EPSILON);
        this.options = options;
        this.gTheta = new double[Math.max(1, truthTheta.length)];
    }

    /**
     * A fitted trajectory.
     *
     * @param path    x(t_k), k = 0 … n − 1, of the fitted field (the last point is where the field goes, not x₁)
     * @param endMiss ‖x(1) − x₁‖ of that path
     * @param loss    the training loss ℓ at the last iteration's parameters before its step
     */
    public record Path(double[][] path, double endMiss, double loss) {
    }

    /** The code's energy density uᵀA(x)u = (1 − κ)|u|² + 2κ L(x, u). */
    public double codeEnergy(double[] x, double[] u) {
        return (1 - kappa) * (u[0] * u[0] + u[1] * u[1]) + 2 * kappa * truth.lagrangian(0, x, u, truthTheta);
    }

    /** PyTorch's default initialisation of the network, drawn from {@code random}. */
    public static double[] initialParameters(SplittableRandom random) {
        double[] theta = new double[PARAMETERS];
        fill(theta, W1, 2 * H + H, 1 / Math.sqrt(2), random);
        fill(theta, W2, H * H + H, 1 / Math.sqrt(H), random);
        fill(theta, W3, 2 * H + 2, 1 / Math.sqrt(H), random);
        return theta;
    }

    /** a[from … from + n) ~ U(−bound, bound): one layer's weights and then its biases, as PyTorch draws them. */
    private static void fill(double[] a, int from, int n, double bound, SplittableRandom random) {
        for (int i = from; i < from + n; i++) {
            a[i] = bound * (2 * random.nextDouble() - 1);
        }
    }

    /**
     * Fits the velocity network from {@code x0} towards {@code x1} and returns its trajectory on
     * linspace(0, 1, times).
     *
     * @param lambda the end penalty λ
     * @param random the source of the network's initial values
     * @throws ArithmeticException when the loss or the final integration is not finite
     */
    public Path fit(double[] x0, double[] x1, int times, double lambda, SplittableRandom random) {
        double[] theta = initialParameters(random);
        double[] grad = new double[PARAMETERS];
        AdamW adam = new AdamW(PARAMETERS, options.learningRate(), options.weightDecay());
        double loss = Double.NaN;
        for (int it = 0; it < options.iterations(); it++) {
            loss = lossAndGradient(theta, x0, x1, times, lambda, grad);
            if (!Double.isFinite(loss) || !adam.step(theta, grad)) {
                throw new ArithmeticException("the velocity fit's loss or gradient is not finite at iteration " + it);
            }
        }
        double[][] path = integrate(theta, x0, times);
        double miss = Math.hypot(path[times - 1][0] - x1[0], path[times - 1][1] - x1[1]);
        return new Path(path, miss, loss);
    }

    /** x(t_k), t_k = k/(times − 1), of the network θ's flow from x₀, by DOPRI5 at the options' tolerances. */
    public double[][] integrate(double[] theta, double[] x0, int times) {
        double[] scratch1 = new double[H], scratch2 = new double[H];
        OdeSystem field = new OdeSystem() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public void derivative(double t, double[] y, double[] yDot) {
                forward(theta, y, yDot, scratch1, scratch1, scratch2, scratch2);
            }
        };
        double[] ts = new double[times];
        for (int k = 0; k < times; k++) {
            ts[k] = (double) k / (times - 1);
        }
        ts[times - 1] = 1;
        double[] samples = new double[2 * times];
        double[] y = x0.clone();
        new DormandPrince54(field, AdaptiveOptions.of(options.rtol(), options.atol())).integrate(0, y, 1, ts, samples);
        double[][] out = new double[times][];
        for (int k = 0; k < times; k++) {
            out[k] = new double[] {samples[2 * k], samples[2 * k + 1]};
        }
        return out;
    }

    /**
     * The loss ℓ of the network θ and its gradient (overwritten into {@code grad}): the discrete
     * {@code explicit_adams} trajectory, the energy at its n points, the end penalty, and reverse
     * mode through all of them.
     */
    public double lossAndGradient(double[] theta, double[] x0, double[] x1, int n, double lambda, double[] grad) {
        ensure(n);
        Arrays.fill(grad, 0);
        double dt = 1.0 / (n - 1);
        int evals = 0;
        // y_k = x0 + Σ_e yRows[k][e] f_e; z_e = x0 + Σ_e' zRows[e][e'] f_e'
        Arrays.fill(yRows[0], 0);
        int[] history = new int[MAX_ORDER];
        int known = 0;
        for (int k = 0; k < n - 1; k++) {
            int e0 = evaluate(theta, x0, yRows[k], evals++);
            System.arraycopy(history, 0, history, 1, MAX_ORDER - 1);
            history[0] = e0;
            known = Math.min(known + 1, MAX_ORDER);
            double[] next = yRows[k + 1];
            System.arraycopy(yRows[k], 0, next, 0, capacity);
            if (known < 3) {
                double[] row = yRows[n]; // scratch row
                combine(row, yRows[k], e0, dt / 3, -1, 0, -1, 0);
                int e1 = evaluate(theta, x0, row, evals++);
                combine(row, yRows[k], e1, dt, e0, -dt / 3, -1, 0);
                int e2 = evaluate(theta, x0, row, evals++);
                combine(row, yRows[k], e0, dt, e1, -dt, e2, dt);
                int e3 = evaluate(theta, x0, row, evals++);
                next[e0] += dt / 8;
                next[e1] += 3 * dt / 8;
                next[e2] += 3 * dt / 8;
                next[e3] += dt / 8;
            } else {
                double[] c = bashforth[known];
                for (int j = 0; j < known; j++) {
                    next[history[j]] += dt * c[j];
                }
            }
        }
        for (int k = 0; k < n; k++) {
            state(x0, yRows[k], states[k]);
            Arrays.fill(gy[k], 0);
        }
        // the energy (1/n) Σ u_kᵀ A(y_k) u_k at separate evaluations u_k = u(y_k)
        double energy = 0;
        double[] u = new double[2];
        double[] gu = new double[2];
        for (int k = 0; k < n; k++) {
            int e = evals++;
            System.arraycopy(states[k], 0, z[e], 0, 2);
            forward(theta, z[e], f[e], z1[e], h1[e], z2[e], h2[e]);
            u[0] = f[e][0];
            u[1] = f[e][1];
            double lag = truth.lagrangianGradient(0, states[k], u, truthTheta, gx, gv, gTheta);
            double uu = u[0] * u[0] + u[1] * u[1];
            energy += ((1 - kappa) * uu + 2 * kappa * lag) / n;
            for (int i = 0; i < 2; i++) {
                gu[i] = (2 * (1 - kappa) * u[i] + 2 * kappa * gv[i]) / n;
                gy[k][i] += 2 * kappa * gx[i] / n;
            }
            double[] gz = new double[2];
            backward(theta, e, gu, grad, gz);
            gy[k][0] += gz[0];
            gy[k][1] += gz[1];
        }
        double dx = states[n - 1][0] - x1[0], dy = states[n - 1][1] - x1[1];
        double miss = Math.hypot(dx, dy);
        if (miss > 0) {
            gy[n - 1][0] += lambda * dx / miss;
            gy[n - 1][1] += lambda * dy / miss;
        }
        // reverse through the steps: gf_e = Σ_k yRows[k][e] gy_k + Σ_{e'' > e} zRows[e''][e] gz_e''
        int tapeEvals = evals - n;
        for (int e = 0; e < tapeEvals; e++) {
            gf[e][0] = 0;
            gf[e][1] = 0;
            for (int k = 0; k < n; k++) {
                gf[e][0] += yRows[k][e] * gy[k][0];
                gf[e][1] += yRows[k][e] * gy[k][1];
            }
        }
        double[] gz = new double[2];
        for (int e = tapeEvals - 1; e >= 0; e--) {
            backward(theta, e, gf[e], grad, gz);
            for (int e2 = 0; e2 < e; e2++) {
                double c = zRows[e][e2];
                if (c != 0) {
                    gf[e2][0] += c * gz[0];
                    gf[e2][1] += c * gz[1];
                }
            }
        }
        return energy + lambda * miss;
    }

    /** row = base + a·f_ea + b·f_eb + c·f_ec (an index −1 is skipped). */
    private void combine(double[] row, double[] base, int ea, double a, int eb, double b, int ec, double c) {
        System.arraycopy(base, 0, row, 0, capacity);
        row[ea] += a;
        if (eb >= 0) {
            row[eb] += b;
        }
        if (ec >= 0) {
            row[ec] += c;
        }
    }

    private void state(double[] x0, double[] row, double[] out) {
        out[0] = x0[0];
        out[1] = x0[1];
        for (int e = 0; e < capacity; e++) {
            if (row[e] != 0) {
                out[0] += row[e] * f[e][0];
                out[1] += row[e] * f[e][1];
            }
        }
    }

    /** Evaluates the network at z_e = x0 + Σ row[e'] f_e' into slot e; returns e. */
    private int evaluate(double[] theta, double[] x0, double[] row, int e) {
        System.arraycopy(row, 0, zRows[e], 0, capacity);
        state(x0, row, z[e]);
        forward(theta, z[e], f[e], z1[e], h1[e], z2[e], h2[e]);
        return e;
    }

    /** out = W3 elu(W2 elu(W1 x + b1) + b2) + b3, keeping the pre- and post-activations. */
    private static void forward(double[] th, double[] x, double[] out, double[] a1, double[] o1, double[] a2,
                                double[] o2) {
        for (int i = 0; i < H; i++) {
            double s = th[B1 + i] + th[W1 + 2 * i] * x[0] + th[W1 + 2 * i + 1] * x[1];
            a1[i] = s;
            o1[i] = elu(s);
        }
        for (int i = 0; i < H; i++) {
            double s = th[B2 + i];
            int row = W2 + H * i;
            for (int j = 0; j < H; j++) {
                s += th[row + j] * o1[j];
            }
            a2[i] = s;
            o2[i] = elu(s);
        }
        for (int i = 0; i < 2; i++) {
            double s = th[B3 + i];
            int row = W3 + H * i;
            for (int j = 0; j < H; j++) {
                s += th[row + j] * o2[j];
            }
            out[i] = s;
        }
    }

    /** Adds the VJP of slot e's evaluation with g to grad; writes the input's cotangent to gz. */
    private void backward(double[] th, int e, double[] g, double[] grad, double[] gz) {
        double[] a1 = z1[e], o1 = h1[e], a2 = z2[e], o2 = h2[e], x = z[e];
        double[] g2 = new double[H];
        for (int i = 0; i < 2; i++) {
            grad[B3 + i] += g[i];
            int row = W3 + H * i;
            for (int j = 0; j < H; j++) {
                grad[row + j] += g[i] * o2[j];
                g2[j] += th[row + j] * g[i];
            }
        }
        double[] g1 = new double[H];
        for (int i = 0; i < H; i++) {
            double gi = g2[i] * dElu(a2[i]);
            if (gi == 0) {
                continue;
            }
            grad[B2 + i] += gi;
            int row = W2 + H * i;
            for (int j = 0; j < H; j++) {
                grad[row + j] += gi * o1[j];
                g1[j] += th[row + j] * gi;
            }
        }
        gz[0] = 0;
        gz[1] = 0;
        for (int i = 0; i < H; i++) {
            double gi = g1[i] * dElu(a1[i]);
            grad[B1 + i] += gi;
            grad[W1 + 2 * i] += gi * x[0];
            grad[W1 + 2 * i + 1] += gi * x[1];
            gz[0] += th[W1 + 2 * i] * gi;
            gz[1] += th[W1 + 2 * i + 1] * gi;
        }
    }

    private static double elu(double s) {
        return s > 0 ? s : Math.expm1(s);
    }

    private static double dElu(double s) {
        return s > 0 ? 1 : Math.exp(s);
    }

    private void ensure(int n) {
        int slots = 4 * 2 + (n - 3) + n + 8; // RK4 steps, Adams steps, energy evaluations, margin
        if (slots <= capacity && states.length >= n + 1) {
            return;
        }
        capacity = slots;
        z = new double[slots][2];
        f = new double[slots][2];
        z1 = new double[slots][H];
        h1 = new double[slots][H];
        z2 = new double[slots][H];
        h2 = new double[slots][H];
        zRows = new double[slots][slots];
        yRows = new double[n + 1][slots];
        states = new double[n + 1][2];
        gy = new double[n + 1][2];
        gf = new double[slots][2];
    }

    /**
     * Adams–Bashforth coefficients of orders 1 … max, newest slope first: b_j = (−1)ʲ/(j!(k−1−j)!)
     * ∫₀¹ Π_{i≠j}(s + i) ds (order 4: 55/24, −59/24, 37/24, −9/24).
     */
    public static double[][] bashforthCoefficients(int max) {
        double[][] out = new double[max + 1][];
        for (int k = 1; k <= max; k++) {
            out[k] = new double[k];
            for (int j = 0; j < k; j++) {
                double[] poly = {1};
                for (int i = 0; i < k; i++) {
                    if (i == j) {
                        continue;
                    }
                    double[] next = new double[poly.length + 1];
                    for (int p = 0; p < poly.length; p++) {
                        next[p + 1] += poly[p];
                        next[p] += poly[p] * i;
                    }
                    poly = next;
                }
                double integral = 0;
                for (int p = 0; p < poly.length; p++) {
                    integral += poly[p] / (p + 1);
                }
                out[k][j] = (j % 2 == 0 ? 1 : -1) * integral / factorial(j) / factorial(k - 1 - j);
            }
        }
        return out;
    }

    private static double factorial(int m) {
        double r = 1;
        for (int i = 2; i <= m; i++) {
            r *= i;
        }
        return r;
    }
}
