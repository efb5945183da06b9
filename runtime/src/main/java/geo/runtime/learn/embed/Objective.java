package geo.runtime.learn.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a graph embedding minimises: the mean over pairs i &lt; j of ℓ(s·d_M(x_i, x_j; θ), d_G(i, j)).
 *
 * @param loss  the pair loss ℓ
 * @param scale how the global scale s &gt; 0 is set: fixed at 1, learned as s = exp(σ) by Adam
 *              (starting at the initial scale), or solved — at every step s is the minimiser of
 *              the batch's Σℓ(s·d_M, d_G) ({@link PairLoss#optimalScale}). With a learned or solved
 *              scale the shape of the embedding, not its size, is fitted: a scale-free loss. The
 *              metrics' average distortion then uses s·d_M.
 * @param worstCaseEpochs when &gt; 0, a finishing phase: after training on ℓ, at most this many
 *              full-batch epochs (one step each) on the {@link SoftWorstCase} surrogate of the
 *              worst-case distortion, from the first phase's result; the run returns whichever
 *              phase's result has the lower worst-case distortion. Per-pair losses average over
 *              pairs; the published metric is a maximum, and a few pairs that a mean tolerates
 *              (a fold, a collapsed pair) decide it.
 * @param finish how the finishing phase minimises the surrogate: Adam steps at one temperature,
 *              or L-BFGS through falling temperatures; with {@link Finish#ANNEALED} the
 *              worstCaseEpochs are its budget of full passes over the pairs (objective evaluations)
 * @param finishStarts where the finishing phase starts, one entry per start in turn (start j of
 *              {@link Init#starts()} uses entry j mod size; a single run the first): from the start
 *              layout ({@link Init#layout()}, untrained; training on ℓ is then skipped) or from the
 *              result of training on ℓ. Neither is better on every graph: measured on Sphere100 in
 *              the hyperbolic plane, the annealed finish from the classical-MDS layout reaches 8.2
 *              where from the relative-squared result it stops at 10.5 (FOLDING.md, session 10),
 *              while in the Euclidean plane Tree40 ends at 4.12 from the layout and 2.7 from the
 *              trained result (examples/graph-embedding/README.md, session 14); alternating them
 *              over the starts lets the training objective choose per seed; ≥ 1 entries
 * @param firstTemperature the annealed finish runs only its stages with τ ≤ this
 *              ({@link AnnealedFinish#TEMPERATURES}; the first stage's τ when it is at least that, the
 *              default): a start that is already a low-temperature optimum (a closed-form row carried into a
 *              learned metric, {@link ClosedFormBase}) would be moved away from it by the smooth
 *              high-temperature stages and need most of a small budget to come back
 */
public record Objective(PairLoss loss, Scale scale, int worstCaseEpochs, Finish finish,
                        List<FinishStart> finishStarts, double firstTemperature) {

    /** How the worst-case finishing phase minimises the {@link SoftWorstCase} surrogate. */
    public enum Finish {
        /**
         * Adam (Riemannian Adam for positions where the space has one) at the position learning
         * rate, one full-batch step per epoch, at the fixed temperature {@link SoftWorstCase#TEMPERATURE}.
         */
        ADAM,
        /**
         * L-BFGS in unconstrained coordinates ({@link AnnealedFinish}), through the temperatures
         * {@link AnnealedFinish#TEMPERATURES} from high (smooth, many pairs pull) to low (close to the
         * worst case itself), each stage from the last one's result: deterministic, with no step size.
         */
        ANNEALED;

        /** The CLI's name: adam or annealed. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The method whose {@link #key()} is {@code key}, or empty. */
        public static Optional<Finish> of(String key) {
            return Keys.find(values(), Finish::key, key);
        }
    }

    /** How the global scale s is set. */
    public enum Scale {
        /** s = 1. */
        FIXED,
        /** s = exp(σ), σ trained by Adam at the parameter learning rate. */
        LEARNED,
        /**
         * s solved in closed form at every step: the minimiser over s of the batch's loss, so s
         * follows the positions at once (with the envelope theorem the positions' gradient at the
         * optimal s is the gradient at fixed s). A learned s lags the positions: in the Poincaré
         * ball that lag let stress training push nodes into the strongly curved region, where they
         * fold (issue #17).
         */
        SOLVED;

        /** The CLI's name: fixed, learned or solved. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The mode whose {@link #key()} is {@code key}, or empty. */
        public static Optional<Scale> of(String key) {
            return Keys.find(values(), Scale::key, key);
        }
    }

    /** Where a worst-case finishing phase starts. */
    public enum FinishStart {
        /** From the result of training on the loss. */
        TRAINED,
        /** From the start layout, untrained (training on the loss is skipped). */
        LAYOUT;

        /** The CLI's name: trained or layout. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The start whose {@link #key()} is {@code key}, or empty. */
        public static Optional<FinishStart> of(String key) {
            return Keys.find(values(), FinishStart::key, key);
        }

        /**
         * A comma-separated list of keys, e.g. "layout,trained".
         *
         * @throws IllegalArgumentException naming the first unknown key
         */
        public static List<FinishStart> parseList(String text) {
            List<FinishStart> out = new ArrayList<>();
            for (String part : text.split(",", -1)) {
                String key = part.trim();
                out.add(of(key).orElseThrow(() -> new IllegalArgumentException("unknown finish start '" + key
                        + "'; use trained or layout")));
            }
            return List.copyOf(out);
        }
    }

    /** The key of {@link #loss()} by default (also the CLI's default of {@code --loss}). */
    public static final String LOSS = "stress";
    /** The key of the scale mode that the CLI's {@code --scale} uses by default (its {@code --scale-mode}). */
    public static final String SCALE_MODE = "solved";

    /** The key of {@link #finish()} by default (also the CLI's default of {@code --worst-case-method}). */
    public static final String FINISH = "adam";

    /** Where the finish starts by default (also the CLI's default of {@code --worst-case-from}). */
    public static final String FINISH_FROM = "trained";

    /** {@link #firstTemperature()} by default: the first stage's τ, so every stage runs. */
    public static final double FIRST_TEMPERATURE = 0.1;

    /** Stress, no learned scale, no finishing phase (its method Adam, from the trained result, when one is asked for). */
    public static final Objective DEFAULTS = new Objective(PairLoss.of(LOSS).orElseThrow(), Scale.FIXED, 0,
            Finish.of(FINISH).orElseThrow(), FinishStart.parseList(FINISH_FROM), FIRST_TEMPERATURE);

    /** With the default {@link #finish()} method, from the trained result. */
    public Objective(PairLoss loss, Scale scale, int worstCaseEpochs) {
        this(loss, scale, worstCaseEpochs, DEFAULTS.finish(), DEFAULTS.finishStarts(), FIRST_TEMPERATURE);
    }

    /** Every stage of the annealed finish ({@link #FIRST_TEMPERATURE}). */
    public Objective(PairLoss loss, Scale scale, int worstCaseEpochs, Finish finish, List<FinishStart> finishStarts) {
        this(loss, scale, worstCaseEpochs, finish, finishStarts, FIRST_TEMPERATURE);
    }

    /** Every stage of the annealed finish, every start's finish from the layout (true) or the trained result (false). */
    public Objective(PairLoss loss, Scale scale, int worstCaseEpochs, Finish finish, boolean finishFromLayout) {
        this(loss, scale, worstCaseEpochs, finish,
                List.of(finishFromLayout ? FinishStart.LAYOUT : FinishStart.TRAINED), FIRST_TEMPERATURE);
    }


    /**
     * @throws IllegalArgumentException when loss, scale, finish or a finish start is null, finishStarts is
     *                                  empty, or worstCaseEpochs &lt; 0
     */
    public Objective {
        if (loss == null || scale == null || finish == null) {
            throw new IllegalArgumentException("loss, scale and finish must not be null");
        }
        if (finishStarts == null || finishStarts.isEmpty() || finishStarts.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("at least one finish start is needed, and none may be null");
        }
        finishStarts = List.copyOf(finishStarts);
        if (worstCaseEpochs < 0) {
            throw new IllegalArgumentException("worstCaseEpochs must be ≥ 0, got " + worstCaseEpochs);
        }
        if (!(firstTemperature >= AnnealedFinish.finalTemperature())) {
            throw new IllegalArgumentException("the first temperature must be at least the last stage's "
                    + AnnealedFinish.finalTemperature() + ", got " + firstTemperature);
        }
    }

    /** This objective with {@link #worstCaseEpochs()} replaced. */
    public Objective withWorstCaseEpochs(int value) {
        return new Objective(loss, scale, value, finish, finishStarts, firstTemperature);
    }

    /** Whether s is not fixed at 1 (learned or solved): the loss is scale-free. */
    public boolean learnScale() {
        return scale != Scale.FIXED;
    }

    /** This objective with {@link #loss()} replaced. */
    public Objective withLoss(PairLoss value) {
        return new Objective(value, scale, worstCaseEpochs, finish, finishStarts, firstTemperature);
    }

    /** This objective with {@link #finish()} replaced. */
    public Objective withFinish(Finish value) {
        return new Objective(loss, scale, worstCaseEpochs, value, finishStarts, firstTemperature);
    }

    /** Whether a single run's finish (the first entry of {@link #finishStarts()}) starts from the layout. */
    public boolean finishFromLayout() {
        return finishStarts.get(0) == FinishStart.LAYOUT;
    }

    /** Where start j's finish starts: entry j mod size of {@link #finishStarts()}. */
    public FinishStart finishStart(int j) {
        return finishStarts.get(Math.floorMod(j, finishStarts.size()));
    }

    /** This objective with every start's finish from the layout (true) or the trained result (false). */
    public Objective withFinishFromLayout(boolean value) {
        return withFinishStarts(List.of(value ? FinishStart.LAYOUT : FinishStart.TRAINED));
    }

    /** This objective with {@link #finishStarts()} replaced. */
    public Objective withFinishStarts(List<FinishStart> value) {
        return new Objective(loss, scale, worstCaseEpochs, finish, value, firstTemperature);
    }

    /** This objective with {@link #firstTemperature()} replaced. */
    public Objective withFirstTemperature(double value) {
        return new Objective(loss, scale, worstCaseEpochs, finish, finishStarts, value);
    }

    /** This objective with {@link #scale()} replaced. */
    public Objective withScale(Scale value) {
        return new Objective(loss, value, worstCaseEpochs, finish, finishStarts, firstTemperature);
    }

    /** This objective with a learned scale (true) or s = 1 (false). */
    public Objective withLearnScale(boolean value) {
        return new Objective(Objects.requireNonNull(loss), value ? Scale.LEARNED : Scale.FIXED, worstCaseEpochs,
                finish, finishStarts, firstTemperature);
    }
}
