package geo.cli;

import geo.compiler.ast.Decl;
import geo.compiler.check.CheckedProgram;
import geo.compiler.driver.Frontend;
import geo.compiler.source.Diagnostic;
import geo.compiler.source.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code geo check FILE...}: parse and check models, report every diagnostic. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Parse and check .geo files: names, shapes, kinds and imports.",
            "Prints one line per clean file on standard output and every diagnostic on standard error."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:all files are clean (warnings allowed)", "64:usage error or unreadable file",
            "65:at least one file has errors"})
final class CheckCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "The .geo files to check.")
    List<Path> files;

    @Option(names = {"-q", "--quiet"}, description = "Print only diagnostics, not the summary of clean files.")
    boolean quiet;

    private final Io io;

    CheckCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        int exit = ExitCodes.OK;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                io.err().println("geo check: cannot read " + file + ": no such file");
                exit = Math.max(exit, ExitCodes.USAGE);
                continue;
            }
            Frontend.Result result;
            try {
                result = Frontend.checkFile(file);
            } catch (IOException e) {
                io.err().println("geo check: cannot read " + file + ": " + e.getMessage());
                exit = Math.max(exit, ExitCodes.USAGE);
                continue;
            }
            List<Diagnostic> diagnostics = result.diagnostics().sorted();
            for (Diagnostic d : diagnostics) {
                io.err().print(d.render());
            }
            if (!result.ok()) {
                long errors = diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).count();
                io.err().println(file + ": " + errors + (errors == 1 ? " error" : " errors"));
                exit = exit == ExitCodes.USAGE ? exit : ExitCodes.COMPILE_ERROR;
            } else if (!quiet) {
                io.out().println(file + ": ok" + summary(result.program()));
            }
        }
        return exit;
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
        long losses = program.main().decls().stream().filter(d -> d instanceof Decl.Loss).count();
        if (losses > 0) {
            out.append(out.length() == 0 ? " (" : "; ").append(losses).append(losses == 1 ? " loss" : " losses");
        }
        return out.length() == 0 ? "" : out.append(")").toString();
    }
}
