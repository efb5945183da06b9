package geo.cli.repl;

import geo.compiler.check.CheckedProgram;
import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.emit.ClassLimitException;
import geo.compiler.source.Diagnostic;
import geo.compiler.source.Severity;
import geo.compiler.source.SourceFile;
import geo.runtime.load.ModelSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One state of a session's model, immutable: an optional loaded file (the base), the
 * declarations typed since, the source text built from them and what the front end said about
 * it. A new input makes a new state; when the new state has errors the session keeps the old one,
 * which is all a rollback is.
 *
 * <p>Declarations typed as manifold members go into the base file's last manifold, or into a
 * manifold {@value #MANIFOLD} of our own when there is no such manifold; whole top-level
 * declarations go after everything else.
 */
final class SessionModel implements ModelContext {

    /** The name of the manifold the REPL makes for typed members when no loaded file has one. */
    static final String MANIFOLD = "Session";
    /** The file name the compiler sees when there is no loaded file; it names the source inside a jar. */
    static final String FILE = "session.geo";
    /** How lines of our own are named in the rare diagnostic that points at one. */
    static final String SYNTHETIC = "<session>";

    /**
     * A loaded file and where typed members go into it.
     *
     * @param file     the file as read, named as the user named it
     * @param insertAt the offset in the file's text of the closing brace of its last manifold, or -1
     * @param line     the line of that brace
     * @param column   the column of that brace
     */
    record Base(SourceFile file, int insertAt, int line, int column) {
    }

    /**
     * One typed declaration.
     *
     * @param member true for a manifold member, false for a top-level declaration
     * @param text   its text, as typed (with a {@code ;} added if it was left out)
     * @param line   its first line in the REPL's input
     * @param column its first column on that line
     * @param key    what it defines, for redefinition: {@code metric}, {@code coords}, {@code name:h}, ...
     * @param label  what it defines, for people: {@code let h}
     * @param names  the names it declares, for completion
     */
    record Entry(boolean member, String text, int line, int column, String key, String label, List<String> names) {
        Entry {
            names = List.copyOf(names);
        }
    }

    private final Base base;
    private final List<Entry> entries;
    private final SourceFile source;
    private final Frontend.Result result;
    private final List<Diagnostic> errors;
    private final List<Diagnostic> warnings;
    private final List<String> incomplete;
    private final Set<String> names;
    private Compiler.Compiled compiled;
    private ModelSet models;

    private SessionModel(Base base, List<Entry> entries, SourceFile source, Frontend.Result result,
                         List<Diagnostic> errors, List<Diagnostic> warnings, List<String> incomplete,
                         Set<String> names) {
        this.base = base;
        this.entries = List.copyOf(entries);
        this.source = source;
        this.result = result;
        this.errors = List.copyOf(errors);
        this.warnings = List.copyOf(warnings);
        this.incomplete = List.copyOf(incomplete);
        this.names = Set.copyOf(names);
    }

    /** The empty model of a new session. */
    static SessionModel empty() {
        return check(null, List.of(), SourceFile.of(Session.REPL_NAME, ""), Set.of());
    }

    /**
     * Builds the source of {@code base} and {@code entries}, checks it, and sorts the diagnostics:
     * errors on lines the user wrote (which make the session refuse this state), errors on lines
     * of our own (an incomplete model) and warnings.
     *
     * @param repl      the REPL's input so far, for mapping diagnostics
     * @param baseNames the names the base file declares
     */
    static SessionModel check(Base base, List<Entry> entries, SourceFile repl, Set<String> baseNames) {
        SourceMap map = build(base, entries);
        SourceFile source = base == null ? new SourceFile(FILE, null, map.text())
                : new SourceFile(base.file().displayName(), base.file().path(), map.text());
        Frontend.Result result = Frontend.check(source);
        List<Diagnostic> errors = new ArrayList<>();
        List<Diagnostic> warnings = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        for (Diagnostic d : result.diagnostics().sorted()) {
            if (d.severity() == Severity.ERROR && map.synthetic(d.span(), source)) {
                incomplete.add(d.message());
            } else if (d.severity() == Severity.ERROR) {
                errors.add(map.map(d, source, repl, SYNTHETIC));
            } else {
                warnings.add(map.map(d, source, repl, SYNTHETIC));
            }
        }
        Set<String> names = new LinkedHashSet<>(baseNames);
        entries.forEach(e -> names.addAll(e.names()));
        return new SessionModel(base, entries, source, result, errors, warnings, incomplete, names);
    }

    /** This model with another base of the same text: the base's insertion point, found after checking it. */
    SessionModel withBase(Base newBase, Set<String> baseNames) {
        Set<String> all = new LinkedHashSet<>(baseNames);
        all.addAll(names);
        return new SessionModel(newBase, entries, source, result, errors, warnings, incomplete, all);
    }

    private static SourceMap build(Base base, List<Entry> entries) {
        SourceMap.Builder b = new SourceMap.Builder();
        List<Entry> members = entries.stream().filter(Entry::member).toList();
        boolean wrote = false;
        boolean membersPlaced = members.isEmpty();
        if (base != null && !base.file().text().isEmpty()) {
            SourceMap.Origin origin = new SourceMap.Origin(base.file());
            String text = base.file().text();
            if (base.insertAt() >= 0 && !members.isEmpty()) {
                String before = text.substring(0, base.insertAt()).replaceFirst("[ \t]+$", "");
                if (!before.isEmpty()) {
                    b.piece(before, origin, 1, 1, 0);
                }
                members.forEach(e -> b.piece(e.text(), SourceMap.REPL, e.line(), e.column(), 2));
                b.piece(text.substring(base.insertAt()), origin, base.line(), base.column(), 0);
                membersPlaced = true;
            } else {
                b.piece(text, origin, 1, 1, 0);
            }
            wrote = true;
        }
        if (!membersPlaced) {
            if (wrote) {
                b.synthetic("");
            }
            b.synthetic("manifold " + MANIFOLD + " {");
            members.forEach(e -> b.piece(e.text(), SourceMap.REPL, e.line(), e.column(), 2));
            b.synthetic("}");
            wrote = true;
        }
        for (Entry e : entries) {
            if (!e.member()) {
                if (wrote) {
                    b.synthetic("");
                }
                b.piece(e.text(), SourceMap.REPL, e.line(), e.column(), 0);
                wrote = true;
            }
        }
        return b.build();
    }

    Base base() {
        return base;
    }

    List<Entry> entries() {
        return entries;
    }

    /** True when there is neither a loaded file nor a typed declaration. */
    boolean isEmpty() {
        return base == null && entries.isEmpty();
    }

    /** Errors on lines the user wrote, mapped there: the reason to refuse this state. */
    List<Diagnostic> errors() {
        return errors;
    }

    /** Warnings, mapped to where the user wrote them. */
    List<Diagnostic> warnings() {
        return warnings;
    }

    /**
     * Messages of errors on lines of our own: the model as a whole lacks something (coordinates,
     * a metric), which a later input can add. Such a state is kept, as incomplete.
     */
    List<String> incomplete() {
        return incomplete;
    }

    /** The names the model declares, for completion. */
    Set<String> names() {
        return names;
    }

    @Override
    public boolean ready() {
        return result.ok() && (!result.program().manifolds().isEmpty() || !result.program().losses().isEmpty()
                || !result.program().functions().isEmpty());
    }

    @Override
    public String status() {
        if (isEmpty()) {
            return "the session is empty: declare coords and a metric, or :load a file";
        }
        if (!incomplete.isEmpty()) {
            return "the model is incomplete: " + String.join("; ", incomplete);
        }
        if (!ready()) {
            return "the model declares no manifold, loss or fn";
        }
        return summary();
    }

    /** {@code manifold Session: 2 coordinates (x[2]), metric, 1 parameter}, for each manifold, then losses. */
    String summary() {
        CheckedProgram program = result.program();
        List<String> parts = new ArrayList<>();
        for (CheckedProgram.Model m : program.manifolds()) {
            StringBuilder s = new StringBuilder("manifold ").append(m.name()).append(": ").append(m.dimension())
                    .append(m.dimension() == 1 ? " coordinate (" : " coordinates (");
            s.append(m.coords().isVector() ? m.coords().names().get(0).text() + "[" + m.dimension() + "]"
                    : String.join(", ", m.coords().names().stream().map(n -> n.text()).toList())).append(')');
            if (m.metric() != null) {
                s.append(", metric");
            }
            if (m.lagrangian() != null) {
                s.append(", lagrangian");
            }
            int p = m.parameterCount();
            if (p > 0) {
                s.append(", ").append(p).append(p == 1 ? " parameter" : " parameters");
            }
            parts.add(s.toString());
        }
        int losses = program.losses().size();
        if (losses > 0) {
            parts.add(losses + (losses == 1 ? " loss" : " losses"));
        }
        int functions = program.functions().size();
        if (functions > 0) {
            parts.add(functions + (functions == 1 ? " function" : " functions"));
        }
        return String.join("; ", parts);
    }

    /** The checked program whatever the model declares, or null when it has errors. */
    CheckedProgram checkedProgram() {
        return result.program();
    }

    @Override
    public CheckedProgram program() {
        return ready() ? result.program() : null;
    }

    @Override
    public SourceFile source() {
        return source;
    }

    @Override
    public synchronized Compiler.Compiled compiled() throws EvaluationException {
        if (!ready()) {
            throw new EvaluationException(status());
        }
        if (compiled == null) {
            try {
                compiled = Compiler.compile(result.program(), source);
            } catch (ClassLimitException e) {
                throw new EvaluationException(e.getMessage());
            }
        }
        return compiled;
    }

    @Override
    public synchronized ModelSet models() throws EvaluationException {
        if (models == null) {
            models = compiled().load();
        }
        return models;
    }
}
