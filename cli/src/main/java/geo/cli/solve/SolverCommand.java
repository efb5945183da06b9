package geo.cli.solve;

import geo.cli.common.ExitCodes;
import geo.cli.common.Io;
import geo.cli.common.NumberList;
import geo.cli.common.UsageException;
import geo.cli.options.ModelOptions;
import geo.cli.options.SolverOptions;
import geo.runtime.api.DomainException;
import geo.runtime.api.Json;
import geo.runtime.bvp.Distances;
import geo.runtime.bvp.Shooting;
import geo.runtime.geodesic.CheckedExp;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.load.Model;
import geo.runtime.ode.IntegrationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What {@code geo exp}, {@code geo log} and {@code geo dist} share: the model (a {@code .geo} file,
 * compiled in process, or a jar from {@code geo compile}), parameter overrides, the integration
 * method, strict parsing of points, and the exit codes (64 for bad input, 65 for a model with
 * errors, 70 when the solver fails — with what failed and where).
 */
abstract class SolverCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    // Not required by picocli: geo dist --pairs reads its points from a file instead.
    @Option(names = "--x", paramLabel = "x1,x2,...", description = "The start point.")
    String x;

    @Mixin
    SolverOptions solver;

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
            Model loaded = model.load(io);
            if (loaded == null) {
                return ExitCodes.COMPILE_ERROR;
            }
            double[] theta = model.checkedParameters(loaded, io, "geo " + name());
            return run(loaded, theta, solver.integrator(loaded.dimension()));
        } catch (UsageException e) {
            // A message of several lines (one per bad line of an input file) gets the prefix on each.
            io.err().println("geo " + name() + ": " + e.getMessage().replace("\n", "\ngeo " + name() + ": "));
            return ExitCodes.USAGE;
        } catch (DomainException e) {
            // The commands check their points first; this is the solvers' own check behind them.
            io.err().println("geo " + name() + ": " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IntegrationException | ArithmeticException e) {
            io.err().println("geo " + name() + ": " + e.getMessage());
            return ExitCodes.RUNTIME_FAILURE;
        }
    }

    @Spec
    CommandSpec spec;

    /** The command's name, as declared in its {@code @Command}: the prefix of its error messages. */
    String name() {
        return spec.name();
    }

    /** A point or vector of exactly d numbers; {@code text} is null when the option was not given. */
    double[] vector(String option, String text, int d) throws UsageException {
        if (text == null) {
            throw new UsageException("missing required option " + option);
        }
        return NumberList.vector(option, text, d);
    }

    /** A point of the model's chart: exactly d numbers inside its declared domain (else a usage error). */
    double[] point(String option, String text, Model model) throws UsageException {
        double[] p = vector(option, text, model.dimension());
        Points.require(option, p, model);
        return p;
    }

    /** The exponential map with its accuracy checks (speed and definiteness only for a metric). */
    static CheckedExp checkedExp(Model model, GeodesicMethod integrator) {
        boolean metric = model.descriptor().kernels().contains("metric");
        return new CheckedExp(model.acceleration(), metric ? model.metric() : null, integrator);
    }

    /**
     * Adds the verdict of a checked exp or path to {@code out} (RK4's error estimate, the speed
     * drift of a metric, the status), prints it, and returns 0, or 70 after saying why on standard
     * error when the result is inaccurate.
     */
    int report(Map<String, Object> out, CheckedExp.Result r) {
        if (!Double.isNaN(r.error())) {
            out.put("error", r.error());
        }
        if (!Double.isNaN(r.speedDrift())) {
            out.put("speedDrift", r.speedDrift());
        }
        out.put("status", r.status().toString());
        print(out);
        if (!r.accurate()) {
            io.err().println("geo " + name() + ": the result is inaccurate: " + r.detail());
            return ExitCodes.RUNTIME_FAILURE;
        }
        return ExitCodes.OK;
    }

    /** A solver of logarithms and distances for {@code model}, which must have a metric. */
    Distances distances(Model model, GeodesicMethod integrator) throws UsageException {
        requireMetric(model);
        return new Distances(model, integrator, Shooting.Options.DEFAULT);
    }

    /** Logarithms and distances need a metric: a model with only a lagrangian is a usage error. */
    void requireMetric(Model model) throws UsageException {
        if (!model.descriptor().kernels().contains("metric")) {
            throw new UsageException(name() + " needs a metric; manifold " + model.name() + " has a lagrangian only");
        }
    }

    /**
     * Writes {@code text} to {@code file}, creating its directory; when that fails, says so on
     * standard error and returns false (the caller exits with 70, as for an unwritable jar).
     */
    boolean write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text);
            return true;
        } catch (IOException e) {
            io.err().println("geo " + name() + ": cannot write " + file + ": " + e.getMessage());
            return false;
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
}
