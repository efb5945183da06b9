package geo.runtime.learn.population;

import geo.runtime.api.FunctionKernels;
import geo.runtime.api.ModelDescriptor;
import geo.runtime.learn.Execution;
import geo.runtime.optim.AdamW;
import geo.runtime.parallel.WorkerPool;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongFunction;

/**
 * Metric learning by Scarvelis &amp; Solomon ("Riemannian metric learning via optimal transport", ICLR
 * 2023; {@code pytorch_training.py::multistep_train_synthetic} and {@code pytorch_losses.py} at
 * 949d9d2, §1b–c of {@code metric-from-snapshots.md}). A co-metric A_ω(x) = RᵀR + 10⁻³I (the metric is
 * A⁻¹) and one dual potential φ_k per consecutive snapshot pair (families kept apart) are trained by
 * alternation, each sub-step from a fresh initialisation:
 * <ul>
 *   <li>φ-step (fresh φ's, AdamW over all of them): each iteration draws, per pair, 100 points X0 of
 *       snapshot k and 100 X1 of snapshot k + 1 with replacement and t ~ U(0, 1), p = tX0 + (1 − t)X1,
 *       g = ∇φ_k(p), and minimises L_φ = Σ_k [Σ_i φ_k(X1_i) − Σ_i φ_k(X0_i) + γ_φ Σ_i softplus(−1 + ½gᵀA(p)g)]
 *       (in the first step, without A, the penalty is softplus(−1 + ½‖g‖), the plain norm);</li>
 *   <li>A-step (a fresh A, φ frozen): L_A = Σ_k [λ Σ_i ‖A(p_i)‖_F² − γ_A Σ_i softplus(−1 + ½g_iᵀA(p_i)g_i)],
 *       the penalty with a minus sign (min over A of the max over φ).</li>
 * </ul>
 * One φ-step and one A-step, then (steps − 1) more pairs of them. Under this (final) convention a second
 * alternation can collapse the co-metric: its φ-step keeps ½gᵀAg near 1 against the first A, so |g| becomes
 * small, and at R = 0 the A-loss grows like 2λε·tr(RᵀR) − ½σ(z)gᵀRᵀRg, a stable minimum once σ(z)|g|² &lt; 4λε
 * (ε = 10⁻³); {@link Result#aScale()} reports A's size per alternation so that a collapse is visible
 * (measured in examples/snapshots/README.md). The model gives three fns
 * ({@code phi}, {@code gradphi} = ∇φ, {@code cometric} = A, all over one θ); the parameter blocks that
 * φ depends on form the potential block, swapped per pair, those A depends on the metric block.
 */
public final class Scarvelis {

    private Scarvelis() {
    }

    /**
     * The recipe of one data set (the first-commit notebook's table, with λ of the final convention).
     *
     * @param gpPhiInitial γ_φ of the first φ-step
     * @param gpPhiLater   γ_φ of the later ones
     * @param gpA          γ_A
     * @param lambda       λ, the Frobenius regulariser of the final code
     * @param learningRate AdamW's rate (both steps)
     * @param weightDecay  AdamW's weight decay of the φ-steps
     * @param aWeightDecay AdamW's weight decay of the A-steps (the notebook's value is the φ-steps'; over an
     *                     A-step of n iterations the decay shrinks unused weights by exp(−n·lr·aWeightDecay))
     * @param phiEpochs    iterations of a φ-step
     * @param aEpochs      iterations of an A-step
     * @param steps        alternations
     * @param samples      points drawn per pair and iteration
     */
    public record Recipe(double gpPhiInitial, double gpPhiLater, double gpA, double lambda, double learningRate,
                         double weightDecay, double aWeightDecay, int phiEpochs, int aEpochs, int steps, int samples) {

        /** Circle: γ_φ 10⁻³/10⁻³, γ_A 1, λ 10³ (verified), lr 10⁻², wd 5·10⁻², 300 φ and 20000 A iterations, 1 step. */
        public static final Recipe CIRCLE = new Recipe(1e-3, 1e-3, 1, 1e3, 1e-2, 5e-2, 5e-2, 300, 20000, 1, 100);
        /** Mass Splitting: γ_φ 2/10⁻², γ_A 1, λ [unknown; our choice], lr 10⁻², wd 5·10⁻³, 300 and 6000, 3 steps. */
        public static final Recipe MASS_SPLITTING = new Recipe(2, 1e-2, 1, 1e3, 1e-2, 5e-3, 5e-3, 300, 6000, 3, 100);
        /** X Paths: γ_φ 10⁻²/10⁻³, γ_A 1, λ [unknown; our choice], lr 10⁻², wd 2·10⁻², 300 and 20000, 2 steps. */
        public static final Recipe X_PATHS = new Recipe(1e-2, 1e-3, 1, 1e3, 1e-2, 2e-2, 2e-2, 300, 20000, 2, 100);

        public static Recipe of(Field f) {
            return switch (f) {
                case CIRCLE -> CIRCLE;
                case MASS_SPLITTING -> MASS_SPLITTING;
                case X_PATHS -> X_PATHS;
            };
        }

        public Recipe withAEpochs(int n) {
            return new Recipe(gpPhiInitial, gpPhiLater, gpA, lambda, learningRate, weightDecay, aWeightDecay,
                    phiEpochs, n, steps, samples);
        }

        /** The same recipe with n alternations (φ-step, A-step pairs). */
        public Recipe withSteps(int n) {
            return new Recipe(gpPhiInitial, gpPhiLater, gpA, lambda, learningRate, weightDecay, aWeightDecay,
                    phiEpochs, aEpochs, n, samples);
        }

        /** The same recipe with the A-steps' weight decay d. */
        public Recipe withAWeightDecay(double d) {
            return new Recipe(gpPhiInitial, gpPhiLater, gpA, lambda, learningRate, weightDecay, d, phiEpochs, aEpochs,
                    steps, samples);
        }

        /** The same recipe with γ_φ = g in the first φ-step (the one without A, penalty softplus(−1 + ½‖∇φ‖)). */
        public Recipe withGpPhiInitial(double g) {
            return new Recipe(g, gpPhiLater, gpA, lambda, learningRate, weightDecay, aWeightDecay, phiEpochs, aEpochs,
                    steps, samples);
        }

        public Recipe withLambda(double l) {
            return new Recipe(gpPhiInitial, gpPhiLater, gpA, l, learningRate, weightDecay, aWeightDecay,
                    phiEpochs, aEpochs, steps, samples);
        }
    }

    /** The three fns of a Scarvelis model and θ's two blocks. */
    public record Kernels(FunctionKernels phi, FunctionKernels gradPhi, FunctionKernels cometric, int[] phiIndices,
                          int[] metricIndices) {

        /** Finds the blocks: a parameter block is φ's when phi's VJP reaches it, A's when cometric's does. */
        public static Kernels of(FunctionKernels phi, FunctionKernels gradPhi, FunctionKernels cometric,
                                 double[] theta) {
            ModelDescriptor d = cometric.descriptor();
            int p = theta.length;
            boolean[] usedPhi = reached(phi, theta, 1, new double[] {1});
            boolean[] usedA = reached(cometric, theta, 4, new double[] {1, 0.3, 0.7, 1});
            java.util.List<Integer> phiIdx = new java.util.ArrayList<>();
            java.util.List<Integer> aIdx = new java.util.ArrayList<>();
            for (ModelDescriptor.Parameter block : d.parameters()) {
                boolean fp = false;
                boolean fa = false;
                for (int i = 0; i < block.size(); i++) {
                    fp |= usedPhi[block.offset() + i];
                    fa |= usedA[block.offset() + i];
                }
                if (fp && fa) {
                    throw new IllegalArgumentException("parameter '" + block.name()
                            + "' is used by both phi and cometric; the potential and the metric need their own");
                }
                for (int i = 0; i < block.size(); i++) {
                    (fp ? phiIdx : aIdx).add(block.offset() + i);
                }
            }
            if (phiIdx.isEmpty()) {
                throw new IllegalArgumentException("phi uses no parameters");
            }
            return new Kernels(phi, gradPhi, cometric, phiIdx.stream().mapToInt(Integer::intValue).toArray(),
                    aIdx.stream().mapToInt(Integer::intValue).toArray());
        }

        private static boolean[] reached(FunctionKernels f, double[] theta, int m, double[] bar) {
            boolean[] used = new boolean[theta.length];
            double[] inBar = new double[2];
            double[] thetaBar = new double[theta.length];
            for (double[] p : new double[][] {{0.31, -0.77}, {-1.3, 0.45}, {2.1, 1.7}}) {
                f.vjp(p, theta, java.util.Arrays.copyOf(bar, m), inBar, thetaBar);
                for (int i = 0; i < used.length; i++) {
                    used[i] |= thetaBar[i] != 0;
                }
            }
            return used;
        }

        Kernels copy() {
            return new Kernels((FunctionKernels) phi.copy(), (FunctionKernels) gradPhi.copy(),
                    (FunctionKernels) cometric.copy(), phiIndices, metricIndices);
        }
    }

    /** Why training ended. */
    public enum Status {
        DONE,
        /** A loss or gradient was not finite; θ is the last finite one. */
        FAILED
    }

    /**
     * @param status   DONE or FAILED
     * @param theta    the full θ: the learned A block, and the last pair's φ in the potential block
     * @param phiLoss  L_φ at the end of each φ-step
     * @param aLoss    L_A at the end of each A-step
     * @param gradNorm mean |∇φ_k(p)| over the interpolants of each step's last A-iteration (all pairs)
     * @param aScale   median over the snapshot points of A's largest eigenvalue after each A-step; near the
     *                 floor 10⁻³ the network part RᵀR has collapsed to 0 and A's eigenvectors are noise
     * @param message  why it failed (empty when DONE)
     */
    public record Result(Status status, double[] theta, double[] phiLoss, double[] aLoss, double[] gradNorm,
                         double[] aScale, String message) {
    }

    /** Told of progress. */
    public interface Listener {
        void substep(String what, int step, double loss);

        Listener NONE = (w, s, l) -> { };
    }

    /**
     * Trains on the snapshots (each family's consecutive pairs, each with its own φ).
     *
     * @param initial  θ drawn with a seed from the model's declared initialisers
     *                 ({@link geo.runtime.load.Model#initialParameters(long)}; seed 0 gives the default θ):
     *                 every fresh φ_k and every fresh A is drawn from the distributions the model declares
     *                 (for {@code scarvelis.geo} PyTorch's nn.Linear default U(±1/√fan_in), as the official code)
     */
    public static Result train(Kernels kernels, LongFunction<double[]> initial, Snapshots data,
                               Recipe recipe, Execution execution, Listener listener) {
        double[] defaults = initial.apply(0);
        List<Snapshots.Pair> pairs = data.pairs();
        int k = pairs.size();
        int nPhi = kernels.phiIndices().length;
        int nA = kernels.metricIndices().length;
        long seed = execution.seed();
        double[] theta = defaults.clone();
        double[][] phis = new double[k][nPhi];
        double[] phiLoss = new double[recipe.steps()];
        double[] aLoss = new double[recipe.steps()];
        double[] gradNorm = new double[recipe.steps()];
        double[] aScale = new double[recipe.steps()];
        double[] norms = new double[k];
        boolean haveA = false;
        try (WorkerPool<Worker> pool = new WorkerPool<>(execution.threads(), w -> new Worker(kernels.copy(), theta.length),
                "Scarvelis training")) {
            for (int step = 0; step < recipe.steps(); step++) {
                // φ-step: fresh potentials (torch.manual_seed(seed) before each sub-step: the same draws each time)
                for (int j = 0; j < k; j++) {
                    double[] init = initial.apply(seed * 1_000_003L + j);
                    for (int i = 0; i < nPhi; i++) {
                        phis[j][i] = init[kernels.phiIndices()[i]];
                    }
                }
                double gamma = step == 0 ? recipe.gpPhiInitial() : recipe.gpPhiLater();
                boolean plainNorm = !haveA;
                AdamW adam = new AdamW(k * nPhi, recipe.learningRate(), recipe.weightDecay());
                double[] flat = new double[k * nPhi];
                for (int j = 0; j < k; j++) {
                    System.arraycopy(phis[j], 0, flat, j * nPhi, nPhi);
                }
                double[] grad = new double[k * nPhi];
                double[] losses = new double[k];
                double last = Double.NaN;
                for (int it = 0; it < recipe.phiEpochs(); it++) {
                    final int iteration = it;
                    final int stepIndex = step;
                    pool.run(k, (w, j) -> losses[j] = w.phiPair(theta, flat, j, nPhi, pairs.get(j), gamma, plainNorm,
                            recipe.samples(), random(seed, stepIndex, 0, iteration, j), grad));
                    last = sum(losses);
                    if (!Double.isFinite(last) || !adam.step(flat, grad)) {
                        return new Result(Status.FAILED, theta, phiLoss, aLoss, gradNorm, aScale, "the φ-loss is not finite at step "
                                + step + ", iteration " + it);
                    }
                }
                for (int j = 0; j < k; j++) {
                    System.arraycopy(flat, j * nPhi, phis[j], 0, nPhi);
                }
                phiLoss[step] = last;
                listener.substep("phi", step, last);
                // A-step: a fresh A, the potentials frozen
                double[] init = initial.apply(seed);
                double[] a = new double[nA];
                for (int i = 0; i < nA; i++) {
                    a[i] = init[kernels.metricIndices()[i]];
                }
                AdamW adamA = new AdamW(nA, recipe.learningRate(), recipe.aWeightDecay());
                double[][] gradA = new double[k][nA];
                double[] total = new double[nA];
                for (int it = 0; it < recipe.aEpochs(); it++) {
                    final int iteration = it;
                    final int stepIndex = step;
                    pool.run(k, (w, j) -> {
                        losses[j] = w.aPair(theta, a, phis[j], pairs.get(j), recipe,
                                random(seed, stepIndex, 1, iteration, j), gradA[j]);
                        norms[j] = w.normSum / recipe.samples();
                    });
                    last = sum(losses);
                    java.util.Arrays.fill(total, 0);
                    for (int j = 0; j < k; j++) {
                        for (int i = 0; i < nA; i++) {
                            total[i] += gradA[j][i];
                        }
                    }
                    if (!Double.isFinite(last) || !adamA.step(a, total)) {
                        return new Result(Status.FAILED, theta, phiLoss, aLoss, gradNorm, aScale, "the A-loss is not finite at step "
                                + step + ", iteration " + it);
                    }
                }
                for (int i = 0; i < nA; i++) {
                    theta[kernels.metricIndices()[i]] = a[i];
                }
                haveA = true;
                aLoss[step] = last;
                gradNorm[step] = sum(norms) / k;
                aScale[step] = medianLargestEigenvalue(kernels.cometric(), theta, pairs);
                listener.substep("A", step, last);
            }
        }
        for (int i = 0; i < nPhi; i++) {
            theta[kernels.phiIndices()[i]] = phis[k - 1][i];
        }
        return new Result(Status.DONE, theta, phiLoss, aLoss, gradNorm, aScale, "");
    }

    /** The median over every snapshot point (each pair's source and the last target) of A's largest eigenvalue. */
    static double medianLargestEigenvalue(FunctionKernels cometric, double[] theta, List<Snapshots.Pair> pairs) {
        FunctionKernels f = (FunctionKernels) cometric.copy();
        java.util.List<Double> out = new java.util.ArrayList<>();
        double[] a = new double[4];
        for (Snapshots.Pair pair : pairs) {
            for (double[] x : pair.source()) {
                f.value(x, theta, a);
                // the larger root of λ² − tr λ + det for the symmetric A
                double m = 0.5 * (a[0] + a[3]);
                double d = Math.hypot(0.5 * (a[0] - a[3]), 0.5 * (a[1] + a[2]));
                out.add(m + d);
            }
        }
        java.util.Collections.sort(out);
        return out.get(out.size() / 2);
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    /** The generator of one (seed, step, sub-step, iteration, pair): the draws do not depend on the thread count. */
    private static SplittableRandom random(long seed, int step, int sub, int iteration, int pair) {
        long h = seed;
        for (long v : new long[] {step, sub, iteration, pair}) {
            h = h * 0x9E3779B97F4A7C15L + v + 1;
        }
        return new SplittableRandom(h);
    }

    /** Per-thread state: kernel copies and scratch. */
    private static final class Worker {
        private final Kernels k;
        private final double[] theta;
        private final double[] thetaBar;
        private final double[] inBar = new double[2];
        private final double[] one = new double[1];
        private final double[] g = new double[2];
        private final double[] gBar = new double[2];
        private final double[] a = new double[4];
        private final double[] aBar = new double[4];
        private final double[] p = new double[2];
        /** Σ |∇φ(p)| over the samples of the last {@link #aPair} call. */
        double normSum;

        Worker(Kernels k, int size) {
            this.k = k;
            this.theta = new double[size];
            this.thetaBar = new double[size];
        }

        /** L_φ of pair j and its gradient in φ_j (written to grad's block j). */
        double phiPair(double[] base, double[] flat, int j, int nPhi, Snapshots.Pair pair, double gamma,
                       boolean plainNorm, int samples, SplittableRandom random, double[] grad) {
            System.arraycopy(base, 0, theta, 0, theta.length);
            int[] idx = k.phiIndices();
            for (int i = 0; i < nPhi; i++) {
                theta[idx[i]] = flat[j * nPhi + i];
                grad[j * nPhi + i] = 0;
            }
            double loss = 0;
            double[][] x0s = pair.source();
            double[][] x1s = pair.target();
            for (int s = 0; s < samples; s++) {
                double[] x0 = x0s[random.nextInt(x0s.length)];
                double[] x1 = x1s[random.nextInt(x1s.length)];
                double t = random.nextDouble();
                // φ(X1) − φ(X0)
                k.phi().value(x1, theta, one);
                loss += one[0];
                one[0] = 1;
                k.phi().vjp(x1, theta, one, inBar, thetaBar);
                accumulate(grad, j * nPhi, idx, 1);
                k.phi().value(x0, theta, one);
                loss -= one[0];
                one[0] = 1;
                k.phi().vjp(x0, theta, one, inBar, thetaBar);
                accumulate(grad, j * nPhi, idx, -1);
                // γ softplus(−1 + ½ gᵀAg) (or ½‖g‖ without A), g = ∇φ(p)
                p[0] = t * x0[0] + (1 - t) * x1[0];
                p[1] = t * x0[1] + (1 - t) * x1[1];
                k.gradPhi().value(p, theta, g);
                double z;
                if (plainNorm) {
                    double n = Math.hypot(g[0], g[1]);
                    z = -1 + 0.5 * n;
                    double w = n > 0 ? 0.5 / n : 0;
                    gBar[0] = w * g[0];
                    gBar[1] = w * g[1];
                } else {
                    k.cometric().value(p, theta, a);
                    double ag0 = a[0] * g[0] + a[1] * g[1];
                    double ag1 = a[2] * g[0] + a[3] * g[1];
                    z = -1 + 0.5 * (g[0] * ag0 + g[1] * ag1);
                    gBar[0] = 0.5 * (ag0 + a[0] * g[0] + a[2] * g[1]);
                    gBar[1] = 0.5 * (ag1 + a[1] * g[0] + a[3] * g[1]);
                }
                loss += gamma * softplus(z);
                double sz = gamma * sigmoid(z);
                gBar[0] *= sz;
                gBar[1] *= sz;
                k.gradPhi().vjp(p, theta, gBar, inBar, thetaBar);
                accumulate(grad, j * nPhi, idx, 1);
            }
            return loss;
        }

        /** L_A of pair j (φ_j frozen) and its gradient in the A block. */
        double aPair(double[] base, double[] aBlock, double[] phi, Snapshots.Pair pair, Recipe recipe,
                     SplittableRandom random, double[] grad) {
            System.arraycopy(base, 0, theta, 0, theta.length);
            int[] pIdx = k.phiIndices();
            int[] aIdx = k.metricIndices();
            for (int i = 0; i < pIdx.length; i++) {
                theta[pIdx[i]] = phi[i];
            }
            for (int i = 0; i < aIdx.length; i++) {
                theta[aIdx[i]] = aBlock[i];
            }
            java.util.Arrays.fill(grad, 0);
            double loss = 0;
            normSum = 0;
            double[][] x0s = pair.source();
            double[][] x1s = pair.target();
            for (int s = 0; s < recipe.samples(); s++) {
                double[] x0 = x0s[random.nextInt(x0s.length)];
                double[] x1 = x1s[random.nextInt(x1s.length)];
                double t = random.nextDouble();
                p[0] = t * x0[0] + (1 - t) * x1[0];
                p[1] = t * x0[1] + (1 - t) * x1[1];
                k.gradPhi().value(p, theta, g);
                normSum += Math.hypot(g[0], g[1]);
                k.cometric().value(p, theta, a);
                double fro = a[0] * a[0] + a[1] * a[1] + a[2] * a[2] + a[3] * a[3];
                double z = -1 + 0.5 * (g[0] * (a[0] * g[0] + a[1] * g[1]) + g[1] * (a[2] * g[0] + a[3] * g[1]));
                loss += recipe.lambda() * fro - recipe.gpA() * softplus(z);
                double sz = recipe.gpA() * sigmoid(z);
                // ∂/∂A: 2λA − γ_A σ(z) ½ g gᵀ
                aBar[0] = 2 * recipe.lambda() * a[0] - sz * 0.5 * g[0] * g[0];
                aBar[1] = 2 * recipe.lambda() * a[1] - sz * 0.5 * g[0] * g[1];
                aBar[2] = 2 * recipe.lambda() * a[2] - sz * 0.5 * g[1] * g[0];
                aBar[3] = 2 * recipe.lambda() * a[3] - sz * 0.5 * g[1] * g[1];
                k.cometric().vjp(p, theta, aBar, inBar, thetaBar);
                for (int i = 0; i < aIdx.length; i++) {
                    grad[i] += thetaBar[aIdx[i]];
                }
            }
            return loss;
        }

        private void accumulate(double[] grad, int offset, int[] idx, double sign) {
            for (int i = 0; i < idx.length; i++) {
                grad[offset + i] += sign * thetaBar[idx[i]];
            }
        }
    }

    static double softplus(double z) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
