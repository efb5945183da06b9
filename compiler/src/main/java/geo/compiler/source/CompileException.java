package geo.compiler.source;

import java.util.List;

/**
 * An error found after a program passed its checks, while deriving or emitting it (a model too
 * large for the compiler's node budget), carrying its diagnostic: commands print it and exit 65
 * like any compile error.
 */
public final class CompileException extends RuntimeException {

    private final transient Diagnostic diagnostic;

    /** An error at {@code span}. */
    public CompileException(SourceSpan span, String message, Throwable cause) {
        super(span.where() + ": error: " + message, cause);
        this.diagnostic = new Diagnostic(Severity.ERROR, span, message, List.of());
    }

    /** The error, with the place it points at. */
    public Diagnostic diagnostic() {
        return diagnostic;
    }
}
