package geo.cli.options;

import geo.cli.common.Io;
import geo.cli.common.UsageException;
import geo.compiler.source.Diagnostics;
import java.util.OptionalInt;
import picocli.CommandLine.Option;

/**
 * How many diagnostics of a file are shown (a picocli mixin of {@code check}, {@code show} and
 * {@code compile}): like javac's {@code -Xmaxerrs}, the first N errors and the first N warnings
 * by position, then a line counting the rest, so that a file that is not Geo at all (a
 * Markdown page, a data file) gives a screenful of errors, not thousands.
 */
public final class DiagnosticOptions {

    @Option(names = "--max-errors", paramLabel = "N", defaultValue = "" + Diagnostics.DEFAULT_MAX_SHOWN,
            description = "Show at most N errors and N warnings per file; the rest are counted "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxErrors = Diagnostics.DEFAULT_MAX_SHOWN;

    /** The cap, checked: a usage error below 1. */
    public int max() throws UsageException {
        if (maxErrors < 1) {
            throw new UsageException("--max-errors must be at least 1, got " + maxErrors);
        }
        return maxErrors;
    }

    /**
     * The cap, or empty after printing the usage error as {@code command: message} on standard
     * error (the caller exits with {@link geo.cli.common.ExitCodes#USAGE}).
     */
    public OptionalInt max(Io io, String command) {
        try {
            return OptionalInt.of(max());
        } catch (UsageException e) {
            io.err().println(command + ": " + e.getMessage());
            return OptionalInt.empty();
        }
    }
}
