package geo.cli.repl;

/**
 * What the REPL does with an input line that is an expression rather than a declaration or a
 * {@code :command}, such as {@code exp([0.1, 0.2], [1, 0])}, {@code log(x, y)} or
 * {@code dist(x, y)}. The REPL parses the line first (a syntax error is reported like any other,
 * with its position) and hands the parsed expression and the session's current model to the
 * evaluator; whatever the evaluator returns is printed, and an {@link EvaluationException} is
 * printed as a one-line error.
 *
 * <p>{@link #standard()} evaluates exp, log and dist with the runtime's solvers
 * ({@link SolverEvaluator}); tests and embedders can pass another implementation to {@link Repl}.
 */
@FunctionalInterface
public interface Evaluator {

    /**
     * Evaluates one expression against the current model.
     *
     * @param expression the expression as typed and as parsed
     * @param model      the session's model; it may be empty or incomplete (see {@link ModelContext#ready()})
     * @return the text to print, usually one line per value, without a trailing newline
     * @throws EvaluationException with a message for the user when the expression cannot be evaluated
     */
    String evaluate(Expression expression, ModelContext model) throws EvaluationException;

    /** The evaluator {@code geo repl} uses: exp, log and dist by the runtime's solvers. */
    static Evaluator standard() {
        return new SolverEvaluator();
    }
}
