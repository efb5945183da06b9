package geo.runtime.learn.embed;

import geo.runtime.learn.Execution;
import geo.runtime.learn.Stopping;

/**
 * The settings of a graph embedding, one immutable record per concern; each part's
 * {@code DEFAULTS} is the one source of its defaults (the CLI's option defaults are its constants).
 *
 * @param objective    what is minimised
 * @param optimisation how steps are taken
 * @param stopping     when the run stops and which epoch it returns
 * @param init         where it starts
 * @param execution    seed and worker threads
 */
public record EmbedOptions(Objective objective, Optimisation optimisation, Stopping stopping, Init init,
                           Execution execution) {

    /** Every part's defaults. */
    public static final EmbedOptions DEFAULTS = new EmbedOptions(Objective.DEFAULTS, Optimisation.DEFAULTS,
            Stopping.DEFAULTS, Init.DEFAULTS, Execution.DEFAULTS);

    /** @throws IllegalArgumentException when a part is null */
    public EmbedOptions {
        if (objective == null || optimisation == null || stopping == null || init == null || execution == null) {
            throw new IllegalArgumentException("every part of the options must be given");
        }
    }

    /** These options with {@link #objective()} replaced. */
    public EmbedOptions with(Objective value) {
        return new EmbedOptions(value, optimisation, stopping, init, execution);
    }

    /** These options with {@link #optimisation()} replaced. */
    public EmbedOptions with(Optimisation value) {
        return new EmbedOptions(objective, value, stopping, init, execution);
    }

    /** These options with {@link #stopping()} replaced. */
    public EmbedOptions with(Stopping value) {
        return new EmbedOptions(objective, optimisation, value, init, execution);
    }

    /** These options with {@link #init()} replaced. */
    public EmbedOptions with(Init value) {
        return new EmbedOptions(objective, optimisation, stopping, value, execution);
    }

    /** These options with {@link #execution()} replaced. */
    public EmbedOptions with(Execution value) {
        return new EmbedOptions(objective, optimisation, stopping, init, value);
    }
}
