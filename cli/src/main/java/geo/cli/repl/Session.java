package geo.cli.repl;

import geo.compiler.ast.Decl;
import geo.compiler.ast.DeepStack;
import geo.compiler.ast.GeoFile;
import geo.compiler.ast.Ident;
import geo.compiler.ast.Member;
import geo.compiler.ast.Node;
import geo.compiler.check.CheckedProgram;
import geo.compiler.parse.SourceParser;
import geo.compiler.source.Diagnostic;
import geo.compiler.source.Diagnostics;
import geo.compiler.source.Severity;
import geo.compiler.source.SourceFile;
import geo.compiler.source.SourceSpan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A REPL session: every line typed so far (the text {@code <repl>} that diagnostics point into)
 * and the current {@link SessionModel}. Each declaration is parsed on its own, spliced into the
 * model and the whole model re-checked; if that gives errors on anything the user wrote, the
 * session keeps the model it had.
 */
final class Session {

    /** The name under which diagnostics show what was typed at the prompt. */
    static final String REPL_NAME = "<repl>";

    /**
     * What became of an input.
     *
     * @param accepted    whether the model changed
     * @param diagnostics diagnostics to print, already pointing at what the user wrote
     * @param notes       one-line messages to print after them
     */
    record Outcome(boolean accepted, List<Diagnostic> diagnostics, List<String> notes) {
        Outcome {
            diagnostics = List.copyOf(diagnostics);
            notes = List.copyOf(notes);
        }

        static Outcome failed(String message) {
            return new Outcome(false, List.of(), List.of("error: " + message));
        }
    }

    /**
     * An expression line, parsed; {@code expression} is null when it had syntax errors.
     *
     * @param expression  the expression
     * @param diagnostics its syntax errors
     */
    record Parsed(Expression expression, List<Diagnostic> diagnostics) {
    }

    private final List<String> input = new ArrayList<>();
    private SessionModel model = SessionModel.empty();
    private Set<String> baseNames = Set.of();
    /** The keys (see {@link SessionModel.Entry#key()}) of what the loaded file declares where typed declarations go. */
    private Set<String> baseKeys = Set.of();

    /** Adds an input's lines to the REPL's text and returns the number of its first line. */
    int record(String text) {
        int first = input.size() + 1;
        input.addAll(List.of(text.split("\r\n|\r|\n", -1)));
        return first;
    }

    /** Everything typed so far, as the file {@code <repl>}. */
    SourceFile repl() {
        return SourceFile.of(REPL_NAME, String.join("\n", input));
    }

    SessionModel model() {
        return model;
    }

    /** Forgets the model (not the typed lines: diagnostics keep pointing at them). */
    void reset() {
        model = SessionModel.empty();
        baseNames = Set.of();
        baseKeys = Set.of();
    }

    /**
     * Adds the declarations of one input to the model.
     *
     * @param text   the input, possibly several lines
     * @param line   its first line in the REPL's text
     * @param member true for manifold members (coords, let, metric, ...), false for top-level declarations
     */
    Outcome declare(String text, int line, boolean member) {
        InputScanner.Brace brace = member ? InputScanner.firstBrace(text) : null;
        if (brace != null) {
            SourceSpan at = SourceSpan.point(repl(), line + brace.line() - 1, brace.column());
            return new Outcome(false, List.of(new Diagnostic(Severity.ERROR, at, "unexpected '" + brace.text()
                    + "': declarations typed at the prompt go into the current manifold; to declare another,"
                    + " type a whole 'manifold Name { ... }'", List.of())), List.of());
        }
        String complete = InputScanner.withSemicolon(text);
        SourceMap.Builder wrapper = new SourceMap.Builder();
        if (member) {
            wrapper.synthetic("manifold Input {");
        }
        wrapper.piece(complete, SourceMap.REPL, line, 1, 0);
        if (member) {
            wrapper.synthetic("}");
        }
        SourceMap map = wrapper.build();
        List<Diagnostic> syntax = new ArrayList<>();
        GeoFile file = parse(map, syntax);
        if (file == null) {
            return new Outcome(false, syntax, List.of());
        }
        List<Node> declared = new ArrayList<>();
        if (member) {
            if (file.decls().size() != 1) {
                return Outcome.failed("type one or more declarations of a manifold (coords, param, let, def,"
                        + " metric, lagrangian, loss) or a whole 'manifold Name { ... }'");
            }
            declared.addAll(((Decl.Manifold) file.decls().get(0)).members());
        } else {
            declared.addAll(file.decls());
        }
        List<SessionModel.Entry> added = split(complete, line, member, declared);
        List<SessionModel.Entry> entries = new ArrayList<>(model.entries());
        List<String> replaced = new ArrayList<>();
        int at = -1;
        for (SessionModel.Entry e : added) {
            for (int i = 0; i < entries.size(); i++) {
                SessionModel.Entry old = entries.get(i);
                if (old.member() == member && old.key().equals(e.key())) {
                    replaced.add(old.label());
                    entries.remove(i);
                    at = at < 0 ? i : Math.min(at, i);
                    break;
                }
            }
        }
        entries.addAll(at < 0 ? entries.size() : at, added);
        SessionModel next = SessionModel.check(model.base(), entries, repl(), baseNames);
        if (!next.errors().isEmpty()) {
            boolean fromFile = added.stream().anyMatch(e -> baseKeys.contains((member ? "" : "top ") + e.key()));
            return new Outcome(false, next.errors(), fromFile ? List.of("note: what " + model.base().file().displayName()
                    + " declares cannot be redefined at the prompt; edit the file and :load it again") : List.of());
        }
        List<String> notes = new ArrayList<>();
        if (!replaced.isEmpty()) {
            notes.add("redefined " + String.join(", ", replaced));
        }
        return accept(next, notes);
    }

    /** Replaces the model with the file at {@code path}, if it checks without errors. */
    Outcome load(Path path) {
        String name = path.toString();
        if (!Files.isRegularFile(path)) {
            return Outcome.failed("cannot read " + name + ": " + (Files.isDirectory(path) ? "it is a directory"
                    : "no such file"));
        }
        SourceFile file;
        try {
            file = SourceFile.read(path, name);
        } catch (IOException e) {
            return Outcome.failed("cannot read " + name + ": " + e.getMessage());
        }
        String text = file.text();
        SessionModel loaded = SessionModel.check(new SessionModel.Base(file, -1, 0, 0), List.of(), repl(), Set.of());
        if (!loaded.errors().isEmpty()) {
            int n = loaded.errors().size();
            return new Outcome(false, loaded.errors(), List.of("error: " + name + " has " + n
                    + (n == 1 ? " error" : " errors") + "; the model is unchanged"));
        }
        CheckedProgram program = loaded.checkedProgram();
        Decl.Manifold last = null;
        Set<String> names = new LinkedHashSet<>();
        Set<String> keys = new LinkedHashSet<>();
        for (Decl d : program.main().decls()) {
            names.addAll(namesOf(d));
            keys.add("top " + keyOf(d));
            if (d instanceof Decl.Manifold m) {
                last = m;
            }
        }
        if (last != null) {
            last.members().forEach(m -> keys.add(keyOf(m)));
        }
        SessionModel.Base base = new SessionModel.Base(file, -1, 0, 0);
        if (last != null) {
            SourceSpan end = last.span();
            int brace = text.lastIndexOf('}', offset(text, end.endLine(), end.endColumn()) - 1);
            SourceSpan at = position(text, brace);
            base = new SessionModel.Base(file, brace, at.line(), at.column());
        }
        SessionModel previous = model;
        model = loaded.withBase(base, names);
        baseNames = Set.copyOf(names);
        baseKeys = Set.copyOf(keys);
        List<String> notes = new ArrayList<>();
        notes.add("loaded " + name + ": " + (model.ready() ? model.summary() : model.status()));
        return new Outcome(true, newWarnings(previous, model), notes);
    }

    /** Parses an expression line. */
    Parsed parseExpression(String text, int line) {
        SourceMap map = new SourceMap.Builder().synthetic("let _ =")
                .piece(InputScanner.withoutSemicolon(text), SourceMap.REPL, line, 1, 0).synthetic(";").build();
        List<Diagnostic> syntax = new ArrayList<>();
        GeoFile file = parse(map, syntax);
        if (file == null) {
            return new Parsed(null, syntax);
        }
        if (file.decls().size() != 1 || !(file.decls().get(0) instanceof Decl.Let let)) {
            return new Parsed(null, List.of());
        }
        return new Parsed(new Expression(InputScanner.withoutSemicolon(text).strip(), let.value()), List.of());
    }

    private Outcome accept(SessionModel next, List<String> notes) {
        SessionModel previous = model;
        model = next;
        List<String> all = new ArrayList<>(notes);
        if (!next.incomplete().isEmpty()) {
            for (String m : next.incomplete()) {
                if (!previous.incomplete().contains(m)) {
                    all.add("incomplete: " + m);
                }
            }
        } else if (next.ready() && (!previous.ready())) {
            all.add("ok: " + next.summary());
        }
        return new Outcome(true, newWarnings(previous, next), all);
    }

    private static List<Diagnostic> newWarnings(SessionModel previous, SessionModel next) {
        Set<String> seen = new LinkedHashSet<>();
        previous.warnings().forEach(w -> seen.add(w.render()));
        return next.warnings().stream().filter(w -> !seen.contains(w.render())).toList();
    }

    private GeoFile parse(SourceMap map, List<Diagnostic> syntax) {
        SourceFile wrapper = SourceFile.of("<input>", map.text());
        Diagnostics diagnostics = new Diagnostics();
        GeoFile file;
        try {
            file = DeepStack.run(() -> SourceParser.parse(wrapper, diagnostics));
        } catch (StackOverflowError e) {
            diagnostics.error(SourceSpan.point(wrapper, 1, 1), "input nested too deeply");
            file = null;
        }
        SourceFile repl = repl();
        for (Diagnostic d : diagnostics.sorted()) {
            syntax.add(map.mapToInput(d, repl));
        }
        return diagnostics.hasErrors() ? null : file;
    }

    /**
     * One entry per declaration, so that each can be redefined on its own. Text between two
     * declarations (a comment) goes with the first; the first takes everything before it.
     */
    private static List<SessionModel.Entry> split(String text, int line, boolean member, List<Node> declared) {
        int lineShift = member ? 1 : 0;
        List<SessionModel.Entry> out = new ArrayList<>();
        for (int i = 0; i < declared.size(); i++) {
            SourceSpan s = declared.get(i).span();
            int from = i == 0 ? 0 : offset(text, s.line() - lineShift, s.column());
            int to = i + 1 < declared.size()
                    ? offset(text, declared.get(i + 1).span().line() - lineShift, declared.get(i + 1).span().column())
                    : text.length();
            int firstLine = i == 0 ? line : line + s.line() - lineShift - 1;
            int column = i == 0 ? 1 : s.column();
            String piece = declared.size() == 1 ? text : text.substring(from, to).stripTrailing();
            out.add(new SessionModel.Entry(member, piece, firstLine, column, keyOf(declared.get(i)),
                    labelOf(declared.get(i)), namesOf(declared.get(i))));
        }
        return out;
    }

    private static String keyOf(Node n) {
        if (n instanceof Member.Coords || n instanceof Member.Metric || n instanceof Member.Lagrangian) {
            return labelOf(n).split(" ")[0];
        }
        if (n instanceof Decl.Manifold m) {
            return "manifold:" + m.name().text();
        }
        if (n instanceof Decl.Import imp) {
            return "import:" + imp.path();
        }
        return "name:" + namesOf(n).get(0);
    }

    private static String labelOf(Node n) {
        if (n instanceof Member.Coords c) {
            return "coords " + String.join(", ", c.names().stream().map(Ident::text).toList());
        }
        if (n instanceof Member.Metric g) {
            return "metric " + g.name().text();
        }
        if (n instanceof Member.Lagrangian l) {
            return "lagrangian " + l.name().text();
        }
        if (n instanceof Decl.Manifold m) {
            return "manifold " + m.name().text();
        }
        if (n instanceof Decl.Import imp) {
            return "import \"" + imp.path() + "\"";
        }
        String kind = n instanceof Decl.Param ? "param" : n instanceof Decl.Let ? "let" : n instanceof Decl.Def d
                ? d.keyword() : "loss";
        return kind + " " + namesOf(n).get(0);
    }

    private static List<String> namesOf(Node n) {
        List<String> out = new ArrayList<>();
        if (n instanceof Member.Coords c) {
            c.names().forEach(i -> out.add(i.text()));
        } else if (n instanceof Member.Metric g) {
            out.add(g.name().text());
        } else if (n instanceof Member.Lagrangian l) {
            out.add(l.name().text());
            out.add(l.velocity().text());
            if (l.time() != null) {
                out.add(l.time().text());
            }
        } else if (n instanceof Decl.Manifold m) {
            out.add(m.name().text());
            m.members().forEach(member -> out.addAll(namesOf(member)));
        } else if (n instanceof Decl.Param p) {
            out.add(p.name().text());
        } else if (n instanceof Decl.Let l) {
            out.add(l.name().text());
        } else if (n instanceof Decl.Def f) {
            out.add(f.name().text());
        } else if (n instanceof Decl.Loss l) {
            out.add(l.name().text());
        }
        return out;
    }

    /** The offset in {@code text} of a 1-based line and column (columns in code points; \n, \r\n and \r end lines). */
    static int offset(String text, int line, int column) {
        int i = 0;
        for (int l = 1; l < line && i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                l++;
            }
        }
        int end = i;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        int available = text.codePointCount(i, end);
        return text.offsetByCodePoints(i, Math.min(column - 1, available));
    }

    /** The line and column of {@code offset} in {@code text}, as a one-column span. */
    private static SourceSpan position(String text, int offset) {
        int line = 1;
        int start = 0;
        for (int i = 0; i < offset; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
                start = i + 1;
            }
        }
        return SourceSpan.point(SourceFile.of("", text), line, text.codePointCount(start, offset) + 1);
    }
}
