package geo.cli;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.show.Numbers;
import geo.compiler.show.ShowException;
import geo.compiler.source.Diagnostic;
import geo.compiler.source.SourceFile;
import geo.runtime.api.Json;
import geo.runtime.api.ModelDescriptor;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.load.Model;
import geo.runtime.load.ModelLoadException;
import geo.runtime.load.ModelSet;
import geo.runtime.load.Models;
import geo.runtime.ode.IntegrationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@code geo exp}, {@code geo log} and {@code geo dist} share: the model (a {@code .geo} file,
 * compiled in process, or a jar from {@code geo compile}), parameter overrides, the integration
 * method, strict parsing of points, and the exit codes (64 for bad input, 65 for a model with
 * errors, 70 when the solver fails — with what failed and where).
 */
abstract class SolverCommand implements Callable<Integer> {

    @Parameters(paramLabel = "MODEL", description = "A .geo file or a model jar from 'geo compile'.")
    Path modelPath;

    @Option(names = "--x", required = true, paramLabel = "x1,x2,...", description = "The start point.")
    String x;

    @Option(names = "--manifold", paramLabel = "NAME", description = "The manifold to use (default: the first).")
    String manifold;

    @Option(names = "--param", paramLabel = "NAME=v1,v2,...",
            description = "Override a parameter (all its elements, row-major); repeatable.")
    List<String> params = List.of();

    @Option(names = "--method", paramLabel = "rk4|dopri5", defaultValue = "dopri5",
            description = "The integrator (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "100", description = "RK4 steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--rtol", paramLabel = "TOL", defaultValue = "1e-12",
            description = "DOPRI5 relative and absolute tolerance (default: ${DEFAULT-VALUE}).")
    double rtol;

    @Option(names = "--json", description = "Print a JSON object instead of text.")
    boolean json;

    final Io io;

    SolverCommand(Io io) {
        this.io = io;
    }

    /** Runs the command on a loaded model; returns the exit code. */
    abstract int run(Model model, double[] theta, GeodesicMethod integrator) throws UsageException;

    @Override
    public final Integer call() {
        try {
            Model model = load();
            if (model == null) {
                return ExitCodes.COMPILE_ERROR;
            }
            double[] theta = parameters(model);
            return run(model, theta, integrator());
        } catch (UsageException e) {
            io.err().println("geo " + name() + ": " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IntegrationException | ArithmeticException e) {
            io.err().println("geo " + name() + ": " + e.getMessage());
            return ExitCodes.RUNTIME_FAILURE;
        }
    }

    abstract String name();

    private GeodesicMethod integrator() throws UsageException {
        switch (method) {
            case "rk4":
                if (steps < 1) {
                    throw new UsageException("--steps must be at least 1, got " + steps);
                }
                return GeodesicMethod.rk4(steps);
            case "dopri5":
                if (!(rtol > 0)) {
                    throw new UsageException("--rtol must be positive, got " + rtol);
                }
                return GeodesicMethod.dopri5(rtol, rtol);
            default:
                throw new UsageException("unknown --method '" + method + "'; use rk4 or dopri5");
        }
    }

    /** The model, or null after printing the diagnostics of a .geo file with errors. */
    private Model load() throws UsageException {
        if (!Files.isRegularFile(modelPath)) {
            throw new UsageException("cannot read " + modelPath + ": no such file");
        }
        ModelSet set;
        try {
            if (modelPath.toString().endsWith(".jar")) {
                set = Models.load(modelPath);
            } else {
                SourceFile source = SourceFile.read(modelPath);
                Frontend.Result r = Frontend.check(source);
                for (Diagnostic d : r.diagnostics().sorted()) {
                    io.err().print(d.render());
                }
                if (!r.ok()) {
                    return null;
                }
                set = Compiler.compile(r.program(), source).load();
            }
        } catch (IOException | ModelLoadException e) {
            throw new UsageException("cannot load " + modelPath + ": " + e.getMessage());
        }
        for (Model m : set.models()) {
            if (m.dimension() > 0 && (manifold == null || m.name().equals(manifold))) {
                return m;
            }
        }
        throw new UsageException(manifold == null ? modelPath + " has no manifold"
                : "no manifold called '" + manifold + "' in " + modelPath);
    }

    private double[] parameters(Model model) throws UsageException {
        double[] theta = model.defaultParameters();
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--param needs NAME=v1,v2,..., got '" + p + "'");
            }
            String name = p.substring(0, eq);
            ModelDescriptor.Parameter entry = model.descriptor().parameters().stream()
                    .filter(e -> e.name().equals(name)).findFirst()
                    .orElseThrow(() -> new UsageException("unknown parameter '" + name + "'; the model has "
                            + model.descriptor().parameters().stream().map(ModelDescriptor.Parameter::name).toList()));
            double[] values = numbers("--param " + name, p.substring(eq + 1));
            if (values.length != entry.size()) {
                throw new UsageException("--param " + name + " needs " + entry.size() + " values, got " + values.length);
            }
            System.arraycopy(values, 0, theta, entry.offset(), values.length);
        }
        return theta;
    }

    /** A point or vector of exactly d numbers. */
    double[] vector(String option, String text, int d) throws UsageException {
        double[] x = numbers(option, text);
        if (x.length != d) {
            throw new UsageException(option + " needs " + d + " numbers (the model has " + d + " coordinates), got "
                    + x.length);
        }
        return x;
    }

    private static double[] numbers(String option, String text) throws UsageException {
        try {
            return Numbers.parseList(option, text);
        } catch (ShowException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** Prints {@code fields} as JSON, or as "name = value" lines. */
    void print(Map<String, Object> fields) {
        if (json) {
            io.out().println(Json.writePretty(fields));
            return;
        }
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            Object v = e.getValue();
            io.out().println(e.getKey() + " = " + (v instanceof double[] a ? text(a) : String.valueOf(v)));
        }
    }

    private static String text(double[] a) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < a.length; i++) {
            out.append(i == 0 ? "" : ", ").append(a[i]);
        }
        return out.toString();
    }

    /** Bad input on the command line: exit 64 with this message. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
