package geo.cli.common;

/** Exit codes of the {@code geo} command, following BSD sysexits.h. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** The command line was wrong: unknown option, missing or unreadable file, malformed number. */
    public static final int USAGE = 64;
    /** A model has compile errors (EX_DATAERR). */
    public static final int COMPILE_ERROR = 65;
    /** A numerical or internal failure while running (EX_SOFTWARE). */
    public static final int RUNTIME_FAILURE = 70;

    private ExitCodes() {
    }
}
