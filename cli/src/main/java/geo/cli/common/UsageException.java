package geo.cli.common;

/** Bad input on the command line: the command prints the message and exits with 64. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
