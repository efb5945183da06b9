package geo.cli.language;

import geo.cli.common.ExitCodes;
import geo.cli.common.Io;
import geo.cli.common.Progress;
import geo.cli.common.UsageException;
import geo.cli.options.DiagnosticOptions;
import geo.cli.options.ParameterOptions;
import geo.compiler.driver.CompileReport;
import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.emit.ClassLimitException;
import geo.compiler.emit.GeneratedClass;
import geo.compiler.emit.MethodSize;
import geo.compiler.jar.JarWriter;
import geo.compiler.source.SourceFile;
import geo.runtime.api.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code geo compile FILE [-o model.jar] [--report] [--json] [--params FILE.json] [--param NAME=v,...]}:
 * compile a model to a jar that needs only the runtime, optionally with other default parameters.
 */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = {"Compile a .geo file to a model jar: the generated classes, their descriptors, the default "
                + "parameters and the source. The jar needs only the Geo runtime on the class path.",
            "--params and --param replace the default parameters stored in the jar (for example with trained values); "
                + "each name sets that parameter in every model of the file that declares it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the jar was written", "64:usage error or unreadable file", "65:the model has errors",
            "70:the jar could not be written"})
public final class CompileCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The .geo file to compile.")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "JAR",
            description = "Where to write the jar (default: the file's name with .jar, in the current directory).")
    Path output;

    @Option(names = "--report", description = "Print node counts and time per stage, and every generated method "
            + "with its size in bytes.")
    boolean report;

    @Option(names = "--json", description = "Print a JSON object: the jar, each model's class, kind, dimension, "
            + "kernels and number of parameters, and with --report the stages and methods.")
    boolean json;

    @Mixin
    ParameterOptions parameters;

    @Mixin
    DiagnosticOptions shown = new DiagnosticOptions();

    private final Io io;

    public CompileCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        OptionalInt cap = shown.max(io, "geo compile");
        if (cap.isEmpty()) {
            return ExitCodes.USAGE;
        }
        int max = cap.getAsInt();
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
        io.err().print(result.diagnostics().shown(max).render());
        if (!result.ok()) {
            io.err().println(file + ": " + result.diagnostics().errorCount() + " error"
                    + (result.diagnostics().errorCount() == 1 ? "" : "s"));
            return ExitCodes.COMPILE_ERROR;
        }
        Compiler.Compiled compiled;
        try (Progress p = Progress.start(Progress.Output.of(io, "geo compile"), "compiling", 0)) {
            compiled = Compiler.compile(result, source);
        } catch (ClassLimitException e) {
            io.err().println(file + ": error: " + e.getMessage());
            return ExitCodes.COMPILE_ERROR;
        }
        if (compiled.classes().isEmpty()) {
            io.err().println("geo compile: " + file + " declares no manifold, loss or fn: nothing to compile");
            return ExitCodes.COMPILE_ERROR;
        }
        try {
            compiled = withDefaults(compiled);
        } catch (UsageException e) {
            io.err().println("geo compile: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Path out = output != null ? output : Path.of(stem(file) + ".jar");
        try {
            JarWriter.write(compiled, out);
        } catch (IOException e) {
            io.err().println("geo compile: cannot write " + out + ": " + e.getMessage());
            return ExitCodes.RUNTIME_FAILURE;
        }
        if (json) {
            io.out().println(Json.writePretty(describe(compiled, out)));
            return ExitCodes.OK;
        }
        if (report) {
            io.out().print(compiled.report().format());
            io.out().println();
        }
        StringBuilder models = new StringBuilder();
        for (GeneratedClass c : compiled.classes()) {
            models.append(models.length() == 0 ? "" : ", ").append(c.descriptor().kind()).append(' ')
                    .append(c.descriptor().name()).append(" (").append(String.join(", ", kernels(c))).append(')');
        }
        io.out().println("wrote " + out + ": " + models);
        return ExitCodes.OK;
    }

    /**
     * The compiled classes with their default θ overridden by --params and --param (each name
     * sets that parameter in every model declaring it), so that trained values ship in the jar.
     */
    private Compiler.Compiled withDefaults(Compiler.Compiled compiled) throws UsageException {
        if (!parameters.given()) {
            return compiled;
        }
        List<GeneratedClass> classes = compiled.classes();
        List<double[]> thetas = parameters.apply(classes.stream().map(GeneratedClass::descriptor).toList(),
                classes.stream().map(GeneratedClass::defaults).toList());
        List<GeneratedClass> updated = new ArrayList<>();
        for (int i = 0; i < classes.size(); i++) {
            GeneratedClass c = classes.get(i);
            updated.add(new GeneratedClass(c.binaryName(), c.bytes(), c.descriptor(),
                    c.initialisers().fixedAt(thetas.get(i)), c.methods()));
        }
        return new Compiler.Compiled(compiled.source(), compiled.sourceHash(), compiled.compilerVersion(), updated,
                compiled.report());
    }

    /** The --json document: the jar, each model's class, kind, dimension, kernels and θ size, and the report. */
    private Map<String, Object> describe(Compiler.Compiled compiled, Path out) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("jar", out.toString());
        List<Object> models = new ArrayList<>();
        for (GeneratedClass c : compiled.classes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("class", c.binaryName());
            m.put("name", c.descriptor().name());
            m.put("kind", c.descriptor().kind());
            m.put("dimension", c.descriptor().dimension());
            m.put("kernels", kernels(c));
            m.put("parameters", c.descriptor().parameterCount());
            models.add(m);
        }
        doc.put("models", models);
        doc.put("defaultsOverridden", parameters.given());
        if (report) {
            doc.put("report", report(compiled.report()));
        }
        return doc;
    }

    private static Map<String, Object> report(CompileReport report) {
        List<Object> stages = new ArrayList<>();
        for (CompileReport.Stage s : report.stages()) {
            Map<String, Object> stage = new LinkedHashMap<>();
            stage.put("model", s.model());
            stage.put("stage", s.stage());
            stage.put("nodes", s.nodes());
            stage.put("ms", s.nanos() / 1e6);
            stages.add(stage);
        }
        List<Object> classes = new ArrayList<>();
        for (GeneratedClass c : report.classes()) {
            Map<String, Object> cls = new LinkedHashMap<>();
            cls.put("class", c.binaryName());
            cls.put("bytes", c.bytes().length);
            List<Object> methods = new ArrayList<>();
            for (MethodSize m : c.methods()) {
                Map<String, Object> method = new LinkedHashMap<>();
                method.put("name", m.method());
                method.put("bytes", m.bytes());
                methods.add(method);
            }
            cls.put("methods", methods);
            classes.add(cls);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stages", stages);
        out.put("classes", classes);
        out.put("largestMethod", report.largestMethod());
        return out;
    }

    private static List<String> kernels(GeneratedClass c) {
        return List.copyOf(new TreeSet<>(c.descriptor().kernels()));
    }

    private static String stem(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".geo") ? name.substring(0, name.length() - 4) : name;
    }
}
