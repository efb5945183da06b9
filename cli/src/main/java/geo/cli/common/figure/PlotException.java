package geo.cli.common.figure;

/**
 * A plot that cannot be made: bad input (a usage error, exit 64) or a numerical failure (exit 70).
 * The message is for the user, one line, without the command's name.
 */
public final class PlotException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean usage;

    private PlotException(String message, boolean usage) {
        super(message);
        this.usage = usage;
    }

    /** Bad input: an option's value, a point outside the domain, a file that cannot be written. */
    public static PlotException usage(String message) {
        return new PlotException(message, true);
    }

    /** A solver that failed on valid input, such as a logarithm that does not converge. */
    public static PlotException failure(String message) {
        return new PlotException(message, false);
    }

    /** True for bad input, false for a numerical failure. */
    public boolean isUsage() {
        return usage;
    }
}
