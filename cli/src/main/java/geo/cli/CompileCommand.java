package geo.cli;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.emit.GeneratedClass;
import geo.compiler.jar.JarWriter;
import geo.compiler.source.Diagnostic;
import geo.compiler.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code geo compile FILE [-o model.jar] [--report]}: compile a model to a jar that needs only the runtime. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = {"Compile a .geo file to a model jar: the generated classes, their descriptors, the default "
                + "parameters and the source. The jar needs only the Geo runtime on the class path."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the jar was written", "64:usage error or unreadable file", "65:the model has errors",
            "70:the jar could not be written"})
final class CompileCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The .geo file to compile.")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "JAR",
            description = "Where to write the jar (default: the file's name with .jar, in the current directory).")
    Path output;

    @Option(names = "--report", description = "Print node counts and time per stage, and every generated method "
            + "with its size in bytes.")
    boolean report;

    private final Io io;

    CompileCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            io.err().println("geo compile: cannot read " + file + ": no such file");
            return ExitCodes.USAGE;
        }
        SourceFile source;
        try {
            source = SourceFile.read(file);
        } catch (IOException e) {
            io.err().println("geo compile: cannot read " + file + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Frontend.Result result = Frontend.check(source);
        for (Diagnostic d : result.diagnostics().sorted()) {
            io.err().print(d.render());
        }
        if (!result.ok()) {
            io.err().println(file + ": " + result.diagnostics().errorCount() + " error"
                    + (result.diagnostics().errorCount() == 1 ? "" : "s"));
            return ExitCodes.COMPILE_ERROR;
        }
        Compiler.Compiled compiled = Compiler.compile(result.program(), source);
        if (compiled.classes().isEmpty()) {
            io.err().println("geo compile: " + file + " declares no manifold and no loss: nothing to compile");
            return ExitCodes.COMPILE_ERROR;
        }
        Path out = output != null ? output : Path.of(stem(file) + ".jar");
        try {
            JarWriter.write(compiled, out);
        } catch (IOException e) {
            io.err().println("geo compile: cannot write " + out + ": " + e.getMessage());
            return ExitCodes.RUNTIME_FAILURE;
        }
        if (report) {
            io.out().print(compiled.report().format());
            io.out().println();
        }
        StringBuilder models = new StringBuilder();
        for (GeneratedClass c : compiled.classes()) {
            models.append(models.length() == 0 ? "" : ", ").append(c.descriptor().kind()).append(' ')
                    .append(c.descriptor().name()).append(" (").append(String.join(", ", new TreeSet<>(c.descriptor().kernels())))
                    .append(')');
        }
        io.out().println("wrote " + out + ": " + models);
        return ExitCodes.OK;
    }

    private static String stem(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".geo") ? name.substring(0, name.length() - 4) : name;
    }
}
