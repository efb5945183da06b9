/**
 * The picocli mixins that commands share, each option declared once with one default: the model
 * and its manifold ({@link geo.cli.options.ModelOptions}), parameter overrides
 * ({@link geo.cli.options.ParameterOptions}), the integrator ({@link geo.cli.options.SolverOptions}:
 * method, steps, tolerance), worker threads ({@link geo.cli.options.ThreadsOption}) and the cap on
 * shown diagnostics ({@link geo.cli.options.DiagnosticOptions}). Imports only
 * {@link geo.cli.common} of the CLI.
 */
package geo.cli.options;
