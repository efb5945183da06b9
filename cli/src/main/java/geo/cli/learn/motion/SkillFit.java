package geo.cli.learn.motion;

import geo.runtime.api.FunctionKernels;
import geo.runtime.data.table.DataSet;
import geo.runtime.learn.Execution;
import geo.runtime.learn.Stopping;
import geo.runtime.learn.fit.FitOptions;
import geo.runtime.learn.fit.FitResult;
import geo.runtime.learn.fit.Fitter;
import geo.runtime.learn.fit.Optimisation;
import geo.runtime.learn.motion.Demonstrations.Demonstration;
import geo.runtime.learn.motion.KMeans;
import geo.runtime.learn.motion.VarianceFit;
import geo.runtime.optim.OptimResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fits a skill in three steps (Beik-Mohammadi et al., RSS 2021, §III; the spec's §3c reduced to a
 * plain VAE with balanced terms):
 * <ol>
 *   <li>the VAE (encoder mean and log-sd, decoder mean) on the negative ELBO {@code elbo} by Adam
 *       with the fitting loop ({@link Fitter});</li>
 *   <li>the K = 48 centres C of the RBF variance network by k-means of the encoded training means,
 *       and its bandwidth β = 10 / mean_d sd(z_d) (the code's {@code init_std});</li>
 *   <li>the RBF weights (wr, ar, cr) on the Gaussian likelihood {@code variance} with the encoder,
 *       decoder, centres and β fixed ({@link VarianceFit}).</li>
 * </ol>
 */
final class SkillFit {

    /** The settings of a fit; {@link #DEFAULTS} is the one source of defaults. */
    record Options(int epochs, int batch, double learningRate, long seed, int threads) {

        static final int EPOCHS = 300;
        static final int BATCH = 64;
        static final double LEARNING_RATE = 3e-3;
        static final long SEED = 1;
        static final Options DEFAULTS = new Options(EPOCHS, BATCH, LEARNING_RATE, SEED, 1);
    }

    /** The outcome: θ, the VAE fit, k-means and the variance stage. */
    record Result(double[] theta, FitResult vae, KMeans.Result centres, OptimResult variance) {

        boolean failed() {
            return vae.status().failed();
        }
    }

    private SkillFit() {
    }

    /** The training states of all demonstrations but {@code heldOut}. */
    static List<double[]> states(List<Demonstration> demos, int heldOut) {
        List<double[]> out = new ArrayList<>();
        for (Demonstration d : demos) {
            if (d.index() != heldOut) {
                for (int i = 0; i < d.size(); i++) {
                    out.add(d.state(i));
                }
            }
        }
        return out;
    }

    static Result fit(Skill skill, List<double[]> states, Options options) {
        int n = states.size();
        double[] theta = skill.defaults();
        int[] lines = new int[n];
        double[] values = new double[n * 7];
        for (int r = 0; r < n; r++) {
            System.arraycopy(Skill.scaled(states.get(r)), 0, values, 7 * r, 5);
            lines[r] = r + 2;
        }
        DataSet rows = new DataSet("training states", 7, values, lines);
        FitOptions fo = FitOptions.DEFAULTS
                .with(Optimisation.DEFAULTS.withBatchSize(options.batch()).withLearningRate(options.learningRate()))
                .with(Stopping.DEFAULTS.withMaxEpochs(options.epochs()).withPatience(options.epochs()))
                .with(Execution.DEFAULTS.withSeed(options.seed()).withThreads(options.threads()));
        FitResult vae = new Fitter(skill.elbo.loss(), fo).fit(rows, Optional.empty(), theta);
        theta = vae.theta().clone();
        if (vae.status().failed()) {
            return new Result(theta, vae, null, null);
        }
        FunctionKernels enc = skill.encode.function();
        FunctionKernels dec = skill.decode.function();
        double[][] z = new double[n][2];
        double[][] mu = new double[n][5];
        for (int r = 0; r < n; r++) {
            enc.value(Skill.scaled(states.get(r)), theta, z[r]);
            dec.value(z[r], theta, mu[r]);
        }
        KMeans.Result km = KMeans.cluster(z, skill.offsets("C").length / 2, options.seed());
        int[] c = skill.offsets("C");
        for (int k = 0; k < km.centres().length; k++) {
            theta[c[2 * k]] = km.centres()[k][0];
            theta[c[2 * k + 1]] = km.centres()[k][1];
        }
        theta[skill.offsets("beta")[0]] = 10 / ((sd(z, 0) + sd(z, 1)) / 2);
        double[] v = new double[n * 12];
        for (int r = 0; r < n; r++) {
            System.arraycopy(Skill.scaled(states.get(r)), 0, v, 12 * r, 5);
            System.arraycopy(z[r], 0, v, 12 * r + 5, 2);
            System.arraycopy(mu[r], 0, v, 12 * r + 7, 5);
        }
        OptimResult variance = VarianceFit.fit(skill.variance.loss(), new DataSet("encoded states", 12, v, lines), theta,
                skill.offsets("wr", "ar", "cr"));
        return new Result(theta, vae, km, variance);
    }

    private static double sd(double[][] z, int i) {
        double m = 0;
        for (double[] r : z) {
            m += r[i];
        }
        m /= z.length;
        double s = 0;
        for (double[] r : z) {
            s += (r[i] - m) * (r[i] - m);
        }
        return Math.sqrt(s / (z.length - 1));
    }
}
