package geo.runtime.learn.fit;

import geo.runtime.learn.Execution;
import geo.runtime.learn.Schedule;
import geo.runtime.learn.Stopping;

/**
 * The settings of a fit, one immutable record per concern; each part's {@code DEFAULTS} is the one
 * source of its defaults (the CLI's option defaults are its constants).
 *
 * @param optimisation the optimiser, batch size, rate, decay and clipping
 * @param schedule     the learning-rate schedule of Adam and AdamW
 * @param validation   the held-out fraction
 * @param stopping     epochs, patience and the restore of the best epoch
 * @param execution    seed and worker threads
 */
public record FitOptions(Optimisation optimisation, Schedule schedule, Validation validation, Stopping stopping,
                         Execution execution) {

    /** Every part's defaults. */
    public static final FitOptions DEFAULTS = new FitOptions(Optimisation.DEFAULTS, Schedule.DEFAULTS,
            Validation.DEFAULTS, Stopping.DEFAULTS, Execution.DEFAULTS);

    /** @throws IllegalArgumentException when a part is null */
    public FitOptions {
        if (optimisation == null || schedule == null || validation == null || stopping == null || execution == null) {
            throw new IllegalArgumentException("every part of the options must be given");
        }
    }

    public FitOptions with(Optimisation value) {
        return new FitOptions(value, schedule, validation, stopping, execution);
    }

    public FitOptions with(Schedule value) {
        return new FitOptions(optimisation, value, validation, stopping, execution);
    }

    public FitOptions with(Validation value) {
        return new FitOptions(optimisation, schedule, value, stopping, execution);
    }

    public FitOptions with(Stopping value) {
        return new FitOptions(optimisation, schedule, validation, value, execution);
    }

    public FitOptions with(Execution value) {
        return new FitOptions(optimisation, schedule, validation, stopping, value);
    }
}
