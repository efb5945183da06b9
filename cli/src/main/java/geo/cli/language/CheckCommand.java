package geo.cli.language;

import geo.cli.common.ExitCodes;
import geo.cli.common.Io;
import geo.cli.options.DiagnosticOptions;
import geo.compiler.ast.Decl;
import geo.compiler.check.CheckedProgram;
import geo.compiler.driver.Frontend;
import geo.compiler.source.Diagnostic;
import geo.compiler.source.Diagnostics;
import geo.compiler.source.Severity;
import geo.runtime.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code geo check FILE...}: parse and check models, report every diagnostic. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Parse and check .geo files: names, shapes, kinds and imports.",
            "Prints one line per clean file on standard output and the diagnostics (at most --max-errors per file) on"
                + " standard error."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all files are clean (warnings allowed)", "64:usage error or unreadable file",
            "65:at least one file has errors"})
public final class CheckCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The .geo files to check.")
    List<Path> files;

    @Option(names = {"-q", "--quiet"}, description = "Print only diagnostics, not the summary of clean files.")
    boolean quiet;

    @Option(names = "--json", description = "Print one JSON document on standard output instead: per file its "
            + "diagnostics (file, line, column, severity, message, notes) and the manifolds, losses and fns it "
            + "declares; "
            + "then the counts of errors and warnings.")
    boolean json;

    @Mixin
    DiagnosticOptions shown = new DiagnosticOptions();

    private final Io io;

    public CheckCommand(Io io) {
        this.io = io;
    }

    /** {@code geo check FILE...} with every option at its default, without picocli ({@code geo.cli.Main#run}). */
    public static CheckCommand of(Io io, List<Path> files) {
        CheckCommand c = new CheckCommand(io);
        c.files = List.copyOf(files);
        return c;
    }

    @Override
    public Integer call() {
        OptionalInt cap = shown.max(io, "geo check");
        if (cap.isEmpty()) {
            return ExitCodes.USAGE;
        }
        int max = cap.getAsInt();
        int exit = ExitCodes.OK;
        List<Object> results = new ArrayList<>();
        int[] counts = new int[2];
        for (Path file : files) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("file", file.toString());
            results.add(entry);
            Frontend.Result result;
            try {
                result = Files.isRegularFile(file) ? Frontend.checkFile(file) : null;
            } catch (IOException e) {
                result = null;
                entry.put("error", "cannot read " + file + ": " + e.getMessage());
            }
            if (result == null) {
                entry.putIfAbsent("error", "cannot read " + file + ": no such file");
                entry.put("ok", false);
                io.err().println("geo check: " + entry.get("error"));
                // An unreadable file wins over compile errors in others, whatever the order of the files.
                exit = ExitCodes.USAGE;
                continue;
            }
            List<Diagnostic> diagnostics = result.diagnostics().sorted();
            long errors = count(diagnostics, Severity.ERROR);
            counts[0] += (int) errors;
            counts[1] += (int) count(diagnostics, Severity.WARNING);
            if (!result.ok()) {
                exit = exit == ExitCodes.USAGE ? exit : ExitCodes.COMPILE_ERROR;
            }
            Diagnostics.Shown cut = Diagnostics.shown(diagnostics, max);
            if (json) {
                describe(entry, result, diagnostics, cut);
                continue;
            }
            io.err().print(cut.render());
            if (!result.ok()) {
                io.err().println(file + ": " + errors + (errors == 1 ? " error" : " errors"));
            } else if (!quiet) {
                io.out().println(file + ": ok" + summary(result.program()));
            }
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("files", results);
            doc.put("errors", counts[0]);
            doc.put("warnings", counts[1]);
            doc.put("exitCode", exit);
            io.out().println(Json.writePretty(doc));
        }
        return exit;
    }

    /**
     * A checked file for --json: whether it is clean, its diagnostics (those shown under
     * --max-errors, and the counts of the others), and what it declares.
     */
    private static void describe(Map<String, Object> entry, Frontend.Result result, List<Diagnostic> diagnostics,
                                 Diagnostics.Shown cut) {
        entry.put("ok", result.ok());
        entry.put("errors", count(diagnostics, Severity.ERROR));
        entry.put("warnings", count(diagnostics, Severity.WARNING));
        entry.put("diagnostics", cut.diagnostics().stream().map(CheckCommand::diagnostic).toList());
        if (cut.hiddenErrors() > 0 || cut.hiddenWarnings() > 0) {
            entry.put("errorsNotShown", cut.hiddenErrors());
            entry.put("warningsNotShown", cut.hiddenWarnings());
        }
        if (result.ok()) {
            List<Object> manifolds = new ArrayList<>();
            for (CheckedProgram.Model m : result.program().manifolds()) {
                Map<String, Object> model = new LinkedHashMap<>();
                model.put("name", m.name());
                model.put("dimension", m.dimension());
                List<String> kinds = new ArrayList<>();
                if (m.metric() != null) {
                    kinds.add("metric");
                }
                if (m.lagrangian() != null) {
                    kinds.add("lagrangian");
                }
                model.put("kinds", kinds);
                model.put("parameters", m.parameterCount());
                manifolds.add(model);
            }
            entry.put("manifolds", manifolds);
            entry.put("losses", result.program().main().decls().stream().filter(d -> d instanceof Decl.Loss)
                    .map(d -> ((Decl.Loss) d).name().text()).toList());
            entry.put("functions", result.program().functions().stream().map(CheckedProgram.Function::name).toList());
        }
    }

    private static long count(List<Diagnostic> diagnostics, Severity severity) {
        // A loop, not a stream: no lambda is linked on geo check's path (start-up, issue 23).
        long n = 0;
        for (Diagnostic d : diagnostics) {
            if (d.severity() == severity) {
                n++;
            }
        }
        return n;
    }

    /** A diagnostic (or a note) as an object: where (1-based line and column), severity, message, notes. */
    private static Map<String, Object> diagnostic(Diagnostic d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", d.span().file().displayName());
        out.put("line", d.span().line());
        out.put("column", d.span().column());
        out.put("endLine", d.span().endLine());
        out.put("endColumn", d.span().endColumn());
        out.put("severity", d.severity().label());
        out.put("message", d.message());
        out.put("notes", d.notes().stream().map(CheckCommand::diagnostic).toList());
        return out;
    }

    private static String summary(CheckedProgram program) {
        StringBuilder out = new StringBuilder();
        for (CheckedProgram.Model m : program.manifolds()) {
            out.append(out.length() == 0 ? " (" : "; ");
            out.append("manifold ").append(m.name()).append(": ").append(m.dimension())
                    .append(m.dimension() == 1 ? " coordinate" : " coordinates");
            if (m.metric() != null) {
                out.append(", metric");
            }
            if (m.lagrangian() != null) {
                out.append(", lagrangian");
            }
            int scalars = m.parameterCount();
            if (scalars > 0) {
                out.append(", ").append(scalars).append(scalars == 1 ? " parameter" : " parameters");
            }
        }
        int losses = 0;
        for (Decl d : program.main().decls()) {
            if (d instanceof Decl.Loss) {
                losses++;
            }
        }
        if (losses > 0) {
            out.append(out.length() == 0 ? " (" : "; ").append(losses).append(losses == 1 ? " loss" : " losses");
        }
        int functions = program.functions().size();
        if (functions > 0) {
            out.append(out.length() == 0 ? " (" : "; ").append(functions)
                    .append(functions == 1 ? " function" : " functions");
        }
        return out.length() == 0 ? "" : out.append(")").toString();
    }
}
