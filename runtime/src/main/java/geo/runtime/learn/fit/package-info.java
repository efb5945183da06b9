/**
 * Fitting a compiled loss's parameters to data ({@code geo fit}): {@link geo.runtime.learn.fit.Fitter}
 * runs mini-batch Adam or AdamW (with gradient clipping and a learning-rate schedule) or
 * full-batch L-BFGS on the mean per-row loss, with a validation split, early stopping and the
 * restore of the best epoch from {@link geo.runtime.learn.EpochLoop}, deterministic multi-threaded
 * sums and seeded noise inputs; options {@link geo.runtime.learn.fit.FitOptions} = Optimisation +
 * Schedule + Validation + Stopping + Execution; the outcome is a
 * {@link geo.runtime.learn.fit.FitResult} with a {@link geo.runtime.learn.fit.FitStatus}. A task
 * package: imports {@code learn} and the runtime libraries, never another task.
 */
package geo.runtime.learn.fit;
