package geo.cli.repl;

/** An expression the {@link Evaluator} cannot evaluate; the message is printed to the user as is. */
public final class EvaluationException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, for the user: lower case, one line, no trailing period */
    public EvaluationException(String message) {
        super(message);
    }
}
