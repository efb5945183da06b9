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
 * Identical diagnostics (same place, same text) are kept once. What is shown of them is capped
 * ({@link #shown(int)}), as javac caps its errors, so that a file that is not Geo at all (a
 * Markdown page, a data file) gives a page of errors rather than thousands.
 */
public final class Diagnostics {

    /** How many errors (and, separately, warnings) of a file are shown by default. */
    public static final int DEFAULT_MAX_SHOWN = 100;

    /**
     * The diagnostics to show under a cap, and how many were left out.
     *
     * @param diagnostics   the first errors and warnings in {@link #sorted()} order, at most the cap of each
     * @param hiddenErrors  errors not shown
     * @param hiddenWarnings warnings not shown
     */
    public record Shown(List<Diagnostic> diagnostics, int hiddenErrors, int hiddenWarnings) {

        public Shown {
            diagnostics = List.copyOf(diagnostics);
        }

        /** The diagnostics rendered, then a line per severity that was cut: {@code 312 more errors not shown}. */
        public String render() {
            StringBuilder out = new StringBuilder();
            for (Diagnostic d : diagnostics) {
                out.append(d.render());
            }
            if (hiddenErrors > 0) {
                out.append(hiddenErrors).append(hiddenErrors == 1 ? " more error" : " more errors")
                        .append(" not shown\n");
            }
            if (hiddenWarnings > 0) {
                out.append(hiddenWarnings).append(hiddenWarnings == 1 ? " more warning" : " more warnings")
                        .append(" not shown\n");
            }
            return out.toString();
        }
    }

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
        copy.sort(BY_POSITION);
        return Collections.unmodifiableList(copy);
    }

    /**
     * By file name, line, column; a class rather than {@code Comparator.comparing(...)} chains, whose
     * lambdas cost every {@code geo check} a few milliseconds of linking at start (issue 23).
     */
    private static final Comparator<Diagnostic> BY_POSITION = new Comparator<>() {
        @Override
        public int compare(Diagnostic a, Diagnostic b) {
            int c = a.span().file().displayName().compareTo(b.span().file().displayName());
            if (c == 0) {
                c = Integer.compare(a.span().line(), b.span().line());
            }
            return c != 0 ? c : Integer.compare(a.span().column(), b.span().column());
        }
    };

    /**
     * The first {@code max} errors and the first {@code max} warnings, in {@link #sorted()} order,
     * and the counts of the others.
     *
     * @throws IllegalArgumentException if {@code max < 1}
     */
    public Shown shown(int max) {
        return shown(sorted(), max);
    }

    /**
     * The first {@code max} errors and the first {@code max} warnings of {@code diagnostics}, in
     * their order, and the counts of the others.
     *
     * @throws IllegalArgumentException if {@code max < 1}
     */
    public static Shown shown(List<Diagnostic> diagnostics, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one diagnostic must be shown, got " + max);
        }
        List<Diagnostic> out = new ArrayList<>();
        int errors = 0;
        int warnings = 0;
        for (Diagnostic d : diagnostics) {
            if (d.severity() == Severity.ERROR) {
                if (++errors <= max) {
                    out.add(d);
                }
            } else if (d.severity() == Severity.WARNING) {
                if (++warnings <= max) {
                    out.add(d);
                }
            } else {
                out.add(d);
            }
        }
        return new Shown(out, Math.max(0, errors - max), Math.max(0, warnings - max));
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
