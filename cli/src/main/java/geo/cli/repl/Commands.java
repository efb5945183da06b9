package geo.cli.repl;

import geo.cli.common.NumberList;
import geo.cli.common.Progress;
import geo.cli.common.UsageException;
import geo.compiler.check.CheckedProgram;
import geo.compiler.driver.Compiler;
import geo.compiler.emit.GeneratedClass;
import geo.compiler.jar.JarWriter;
import geo.compiler.show.Report;
import geo.compiler.show.ShowBuilder;
import geo.compiler.show.ShowException;
import geo.compiler.show.ShowRequest;
import geo.compiler.show.TextRenderer;
import geo.compiler.show.Topic;
import geo.compiler.source.Diagnostic;
import geo.compiler.source.Diagnostics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code :commands} of the REPL. A command is one line; its name may be shortened to any
 * unique prefix ({@code :q}). Every mistake in a command is one line starting with
 * {@code error:}, and the session goes on.
 */
final class Commands {

    /**
     * A command, for {@code :help} and completion.
     *
     * @param name  the name, with its colon
     * @param usage the synopsis
     * @param help  one line on what it does
     */
    record Spec(String name, String usage, String help) {
    }

    /** The section names of {@code :show} and {@code :at}, as {@code geo show} spells them. */
    static final List<String> SECTIONS = Arrays.stream(Topic.values()).map(Topic::flag).toList();

    /**
     * Every command, in the order {@code :help} lists them: {@code :help} prints this table, and the
     * REPL guide's {@code :help} transcript is tested against it.
     */
    static final List<Spec> SPECS = List.of(
            new Spec(":show", ":show [SECTION...] [--latex] [--manifold NAME] [--max-nodes N]",
                    "print derived equations; SECTION is " + String.join(", ", SECTIONS.subList(0, SECTIONS.size() - 1))
                            + " or " + SECTIONS.get(SECTIONS.size() - 1)),
            new Spec(":at", ":at x1,x2,... [SECTION...] [--velocity v1,v2,...] [--latex] [--manifold NAME] [--max-nodes N]",
                    "the same, with values at the point x for the default parameters"),
            new Spec(":model", ":model", "print the model's source"),
            new Spec(":load", ":load FILE.geo", "replace the model by a file; declarations then go into its last manifold"),
            new Spec(":save", ":save FILE.geo", "write the model as a .geo file"),
            new Spec(":compile", ":compile OUT.jar", "compile the model to a jar"),
            new Spec(":plot", ":plot FILE.png|FILE.svg [--geodesics-from x1,x2] [--between x y] [--grid N] [...]",
                    "draw the model's metric ellipses and geodesics; the options of geo plot (geo plot --help)"),
            new Spec(":reset", ":reset", "start again with an empty model"),
            new Spec(":help", ":help", "this list"),
            new Spec(":quit", ":quit", "leave (Ctrl-D does too)"));

    /** The options of {@code :show} (and {@code :at}, which also has {@code --velocity}). */
    static final List<String> SHOW_OPTIONS = List.of("--latex", "--manifold", "--max-nodes");

    private static final String HELP_INTRO = """
            Type declarations as inside a manifold (coords, param, let, def, fn, metric, lagrangian, loss) or whole
            manifold and import declarations; each is checked at once, and on an error the model stays as it was.
            Typing a declaration again (the same let, param, def, coords, metric ...) redefines it. A line with an
            open bracket or ending in an operator goes on over the next lines. Expressions such as
            exp([0.1, 0.2], [1, 0]), log(x, y) and dist(x, y) go to the evaluator. Commands (any unique
            prefix will do, e.g. :q):
            """;

    private final Session session;
    private final PrintWriter out;
    private final PrintWriter terminal;
    private final PrintStream err;

    /**
     * @param terminal the terminal's writer for in-place progress, or null when not on a terminal
     * @param err      where plain progress lines go
     */
    Commands(Session session, PrintWriter out, PrintWriter terminal, PrintStream err) {
        this.session = session;
        this.out = out;
        this.terminal = terminal;
        this.err = err;
    }

    /** The command {@code word} names, exactly or as a unique prefix, or null. */
    static Spec find(String word) {
        List<Spec> matches = matches(word);
        return matches.size() == 1 ? matches.get(0) : null;
    }

    private static List<Spec> matches(String word) {
        for (Spec s : SPECS) {
            if (s.name().equals(word)) {
                return List.of(s);
            }
        }
        return word.length() < 2 ? List.of() : SPECS.stream().filter(s -> s.name().startsWith(word)).toList();
    }

    /**
     * Runs one command line.
     *
     * @return false when the session should end
     */
    boolean run(String line) {
        try {
            List<String> words = split(line.strip());
            List<Spec> matches = matches(words.get(0));
            if (matches.size() != 1) {
                throw new CommandException(matches.isEmpty()
                        ? "unknown command '" + words.get(0) + "'; :help lists the commands"
                        : "'" + words.get(0) + "' is ambiguous: it could be "
                                + String.join(", ", matches.stream().map(Spec::name).toList()));
            }
            List<String> args = words.subList(1, words.size());
            switch (matches.get(0).name()) {
                case ":show" -> show(args, false);
                case ":at" -> show(args, true);
                case ":model" -> model(args);
                case ":load" -> print(out, session.load(Path.of(one(":load", args, "FILE.geo"))));
                case ":save" -> save(one(":save", args, "FILE.geo"));
                case ":compile" -> compile(one(":compile", args, "OUT.jar"));
                case ":plot" -> ReplPlot.run(args, session.model()).forEach(out::println);
                case ":reset" -> {
                    none(":reset", args);
                    session.reset();
                    out.println("cleared: the model is empty");
                }
                case ":help" -> {
                    none(":help", args);
                    help();
                }
                case ":quit" -> {
                    none(":quit", args);
                    return false;
                }
                default -> throw new IllegalStateException("command without an implementation: " + matches.get(0));
            }
        } catch (CommandException e) {
            out.println("error: " + e.getMessage());
        }
        return true;
    }

    /** Prints what became of an input: diagnostics (at most 100 errors, as {@code geo check}), then notes. */
    static void print(PrintWriter out, Session.Outcome outcome) {
        out.print(Diagnostics.shown(outcome.diagnostics(), Diagnostics.DEFAULT_MAX_SHOWN).render());
        outcome.notes().forEach(out::println);
    }

    private void help() {
        out.print(HELP_INTRO);
        for (Spec s : SPECS) {
            out.println("  " + s.usage());
            out.println("      " + s.help());
        }
    }

    private void show(List<String> args, boolean atPoint) throws CommandException {
        String name = atPoint ? ":at" : ":show";
        Set<Topic> topics = EnumSet.noneOf(Topic.class);
        List<String> point = new ArrayList<>();
        String manifold = null;
        String velocity = null;
        boolean latex = false;
        int maxNodes = TextRenderer.DEFAULT_MAX_NODES;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String option = a.contains("=") && a.startsWith("--") ? a.substring(0, a.indexOf('=')) : a;
            String inline = option.equals(a) ? null : a.substring(a.indexOf('=') + 1);
            switch (option) {
                case "--latex" -> latex = true;
                case "--manifold" -> manifold = inline != null ? inline : value(name, args, ++i, "--manifold", "NAME");
                case "--max-nodes" -> maxNodes = positive(name, inline != null ? inline
                        : value(name, args, ++i, "--max-nodes", "N"));
                case "--velocity" -> {
                    if (!atPoint) {
                        throw new CommandException(":show has no --velocity; values need a point: :at x1,x2,... --velocity v1,v2,...");
                    }
                    velocity = inline != null ? inline : value(name, args, ++i, "--velocity", "v1,v2,...");
                }
                default -> {
                    Topic t = Arrays.stream(Topic.values()).filter(x -> x.flag().equals(a)).findFirst().orElse(null);
                    if (t != null) {
                        topics.add(t);
                    } else if (a.startsWith("--")) {
                        throw new CommandException(name + ": unknown option '" + a + "'; options: "
                                + String.join(", ", SHOW_OPTIONS) + (atPoint ? ", --velocity" : ""));
                    } else if (atPoint) {
                        point.add(a);
                    } else {
                        throw new CommandException(":show: unknown section '" + a + "'; sections: "
                                + String.join(", ", SECTIONS) + (looksNumeric(a) ? " (for values at a point, use :at)" : ""));
                    }
                }
            }
        }
        SessionModel model = session.model();
        if (!model.ready()) {
            throw new CommandException(model.status());
        }
        double[] at = null;
        double[] v = null;
        try {
            if (atPoint) {
                if (point.isEmpty()) {
                    throw new CommandException(":at needs a point, e.g. :at 0.1,0.2");
                }
                at = NumberList.parse(":at", numbers(String.join(" ", point)));
                v = velocity == null ? null : NumberList.parse("--velocity", numbers(velocity));
            }
            ShowRequest request = new ShowRequest(topics, manifold, at, v);
            checkDimensions(model.program(), request);
            Report report = ShowBuilder.build(reportName(model), model.program(), request);
            out.print(TextRenderer.render(report, latex, maxNodes));
            report.problems().forEach(p -> out.println("warning: " + p));
        } catch (ShowException | UsageException e) {
            throw new CommandException(e.getMessage());
        }
    }

    /** Checks the point and velocity against each manifold shown, with messages in the REPL's terms. */
    private static void checkDimensions(CheckedProgram program, ShowRequest request) throws CommandException {
        if (request.at() != null && program.manifolds().isEmpty()) {
            throw new CommandException(":at needs a manifold, and the model declares none");
        }
        for (CheckedProgram.Model m : program.manifolds()) {
            if (request.manifold() != null && !request.manifold().equals(m.name())) {
                continue;
            }
            check(":at", request.at(), m);
            check("--velocity", request.velocity(), m);
        }
    }

    private static void check(String what, double[] values, CheckedProgram.Model m) throws CommandException {
        if (values != null && values.length != m.dimension()) {
            String coords = m.coords().isVector() ? m.coords().names().get(0).text() + "[" + m.dimension() + "]"
                    : String.join(", ", m.coords().names().stream().map(n -> n.text()).toList());
            throw new CommandException(what + " needs " + m.dimension() + (m.dimension() == 1 ? " number" : " numbers")
                    + " for manifold " + m.name() + " (" + coords + "), got " + values.length);
        }
    }

    /** {@code [0.1, 0.2]} or {@code 0.1 0.2} as {@code 0.1,0.2}. */
    private static String numbers(String text) {
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1).strip();
        }
        return t.replaceAll("\\s*,\\s*|\\s+", ",");
    }

    private static boolean looksNumeric(String a) {
        return !a.isEmpty() && (Character.isDigit(a.charAt(0)) || a.charAt(0) == '-' || a.charAt(0) == '.');
    }

    private static String reportName(SessionModel model) {
        return model.base() == null ? "the session" : model.base().file().displayName();
    }

    private void model(List<String> args) throws CommandException {
        none(":model", args);
        SessionModel model = session.model();
        if (model.isEmpty()) {
            out.println("// the session is empty");
            return;
        }
        out.print(model.source().text());
        if (!model.incomplete().isEmpty()) {
            out.println("// " + model.status());
        }
    }

    private void save(String file) throws CommandException {
        SessionModel model = session.model();
        if (model.isEmpty()) {
            throw new CommandException("nothing to save: the session is empty");
        }
        Path path = Path.of(file);
        try {
            Files.writeString(path, model.source().text(), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CommandException("cannot write " + file + ": no such directory");
        } catch (IOException e) {
            throw new CommandException("cannot write " + file + ": " + e.getMessage());
        }
        out.println("wrote " + file + (model.incomplete().isEmpty() ? "" : "; " + model.status()));
    }

    private void compile(String file) throws CommandException {
        SessionModel model = session.model();
        if (!model.ready()) {
            throw new CommandException(model.status());
        }
        Compiler.Compiled compiled;
        Progress progress = Progress.start(terminal != null ? Progress.Output.terminal(terminal)
                : Progress.Output.plain(err, "geo repl"), "compiling", 0);
        try {
            compiled = model.compiled();
            JarWriter.write(compiled, Path.of(file));
        } catch (EvaluationException e) {
            throw new CommandException(e.getMessage());
        } catch (IOException e) {
            throw new CommandException("cannot write " + file + ": " + e.getMessage());
        } finally {
            progress.close();
        }
        StringBuilder models = new StringBuilder();
        for (GeneratedClass c : compiled.classes()) {
            models.append(models.length() == 0 ? "" : ", ").append(c.descriptor().kind()).append(' ')
                    .append(c.descriptor().name()).append(" (")
                    .append(String.join(", ", new TreeSet<>(c.descriptor().kernels()))).append(')');
        }
        out.println("wrote " + file + ": " + models);
    }

    private static String one(String name, List<String> args, String what) throws CommandException {
        if (args.size() != 1) {
            throw new CommandException(name + " needs " + (args.isEmpty() ? "" : "exactly ") + "one argument, "
                    + what + " (quote a name with spaces in \"...\")");
        }
        return args.get(0);
    }

    private static void none(String name, List<String> args) throws CommandException {
        if (!args.isEmpty()) {
            throw new CommandException(name + " takes no arguments, got '" + String.join(" ", args) + "'");
        }
    }

    private static String value(String name, List<String> args, int i, String option, String what)
            throws CommandException {
        if (i >= args.size()) {
            throw new CommandException(name + ": " + option + " needs a value, " + what);
        }
        return args.get(i);
    }

    private static int positive(String name, String text) throws CommandException {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the same message as a number below 1
        }
        throw new CommandException(name + ": --max-nodes needs a whole number of at least 1, got '" + text + "'");
    }

    /** Splits a command line at spaces; double quotes keep a file name with spaces together. */
    static List<String> split(String line) throws CommandException {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    words.add(word.toString());
                    word.setLength(0);
                    any = false;
                }
            } else {
                word.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new CommandException("unterminated quote in '" + line + "'");
        }
        if (any) {
            words.add(word.toString());
        }
        return words;
    }

    /** A mistake in a command, reported to the user as one line. */
    static final class CommandException extends Exception {
        private static final long serialVersionUID = 1L;

        CommandException(String message) {
            super(message);
        }
    }
}
