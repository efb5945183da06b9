package geo.cli;

/** Bad input on the command line: the command prints the message and exits with 64. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
