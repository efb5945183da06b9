package geo.cli.repl;

import geo.cli.plot.PlotOptions;
import geo.compiler.check.Builtins;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: {@code :commands} at the start of a line, then their sections, options or file
 * names; elsewhere the language's keywords (first word only), the built-in functions and the
 * names the session's model declares. JLine filters the candidates by the typed prefix.
 */
final class ReplCompleter implements Completer {

    /** The keywords that start a declaration. */
    static final List<String> KEYWORDS = List.of("coords", "param", "let", "def", "metric", "lagrangian", "loss",
            "fn", "manifold", "import");

    private final Supplier<Set<String>> names;
    private final Completer files = new Completers.FileNameCompleter();

    /** @param names the names the session's current model declares */
    ReplCompleter(Supplier<Set<String>> names) {
        this.names = names;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (InputScanner.isCommand(line.line())) {
            command(reader, line, candidates);
            return;
        }
        String before = line.line().substring(0, Math.max(0, line.cursor() - line.wordCursor()));
        if (before.isBlank()) {
            KEYWORDS.forEach(k -> candidates.add(candidate(k, "keywords", null, true)));
        }
        for (String f : Builtins.functionNames()) {
            candidates.add(candidate(f, "built-in functions", Builtins.function(f).signature(), false));
        }
        candidates.add(candidate("pi", "built-in functions", null, true));
        for (String n : names.get()) {
            candidates.add(candidate(n, "session", null, true));
        }
    }

    private void command(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (line.wordIndex() == 0) {
            for (Commands.Spec c : Commands.SPECS) {
                candidates.add(candidate(c.name(), "commands", c.help(), true));
            }
            return;
        }
        Commands.Spec spec = Commands.find(line.words().get(0));
        if (spec == null) {
            return;
        }
        switch (spec.name()) {
            case ":show", ":at" -> {
                for (String s : Commands.SECTIONS) {
                    candidates.add(candidate(s, "sections", null, true));
                }
                for (String o : Commands.SHOW_OPTIONS) {
                    candidates.add(candidate(o, "options", null, true));
                }
                if (spec.name().equals(":at")) {
                    candidates.add(candidate("--velocity", "options", null, true));
                }
            }
            case ":plot" -> {
                if (line.wordIndex() == 1) {
                    files.complete(reader, line, candidates);
                } else {
                    PlotOptions.names().forEach(o -> candidates.add(candidate(o, "options", null, true)));
                }
            }
            case ":load", ":save", ":compile" -> {
                if (line.wordIndex() == 1) {
                    files.complete(reader, line, candidates);
                }
            }
            default -> {
            }
        }
    }

    private static Candidate candidate(String value, String group, String description, boolean complete) {
        return new Candidate(value, value, group, description, null, null, complete);
    }
}
