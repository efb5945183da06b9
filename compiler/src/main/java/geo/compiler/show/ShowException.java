package geo.compiler.show;

/**
 * A request {@code geo show} cannot serve because of what the user asked: a malformed number, a
 * point of the wrong dimension, a manifold that does not exist. The message is meant for the user
 * as is (lower case, no trailing period); the command line reports it as a usage error.
 */
public final class ShowException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, for the user */
    public ShowException(String message) {
        super(message);
    }
}
