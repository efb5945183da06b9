package geo.compiler.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The collector every stage reports into. Stages keep going after an error so that all errors
 * of a file are reported at once; callers ask {@link #hasErrors()} before moving to the next stage.
 * Identical diagnostics (same place, same text) are kept once.
 */
public final class Diagnostics {

    private final Set<Diagnostic> all = new LinkedHashSet<>();

    /** Reports an error at {@code span}. */
    public Diagnostic error(SourceSpan span, String message) {
        return add(new Diagnostic(Severity.ERROR, span, message, List.of()));
    }

    /** Reports an error with notes pointing at related places. */
    public Diagnostic error(SourceSpan span, String message, List<Diagnostic> notes) {
        return add(new Diagnostic(Severity.ERROR, span, message, notes));
    }

    /** Reports a warning at {@code span}. */
    public Diagnostic warning(SourceSpan span, String message) {
        return add(new Diagnostic(Severity.WARNING, span, message, List.of()));
    }

    /** A note to attach to an error or warning; it is not reported on its own. */
    public static Diagnostic note(SourceSpan span, String message) {
        return new Diagnostic(Severity.NOTE, span, message, List.of());
    }

    /** Adds a diagnostic unless an identical one is already present. */
    public Diagnostic add(Diagnostic d) {
        all.add(d);
        return d;
    }

    public boolean hasErrors() {
        for (Diagnostic d : all) {
            if (d.severity() == Severity.ERROR) {
                return true;
            }
        }
        return false;
    }

    public int errorCount() {
        int n = 0;
        for (Diagnostic d : all) {
            if (d.severity() == Severity.ERROR) {
                n++;
            }
        }
        return n;
    }

    /** All diagnostics, ordered by file, then position, then order of reporting. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(all);
        copy.sort(Comparator.comparing((Diagnostic d) -> d.span().file().displayName())
                .thenComparingInt(d -> d.span().line())
                .thenComparingInt(d -> d.span().column()));
        return Collections.unmodifiableList(copy);
    }

    /** Every diagnostic rendered with its source line and caret, in {@link #sorted()} order. */
    public String render() {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : sorted()) {
            out.append(d.render());
        }
        return out.toString();
    }
}
