package geo.cli;

import geo.runtime.bvp.Distances;
import geo.runtime.bvp.LogResult;
import geo.runtime.bvp.Shooting;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.geodesic.Geodesics;
import geo.runtime.load.Model;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code geo exp}, {@code geo log} and {@code geo dist}. */
final class SolverCommands {

    private SolverCommands() {
    }

    @Command(name = "exp", mixinStandardHelpOptions = true,
            description = "The exponential map: the end point (and velocity) at t = 1 of the geodesic from --x with "
                    + "initial velocity --v.")
    static final class Exp extends SolverCommand {
        @Option(names = "--v", required = true, paramLabel = "v1,v2,...", description = "The initial velocity.")
        String v;

        Exp(Io io) {
            super(io);
        }

        @Override
        String name() {
            return "exp";
        }

        @Override
        int run(Model model, double[] theta, GeodesicMethod integrator) throws UsageException {
            int d = model.dimension();
            double[] x0 = vector("--x", x, d);
            double[] v0 = vector("--v", v, d);
            double[] end = new double[d];
            double[] vEnd = new double[d];
            new Geodesics(model.acceleration(), integrator).exp(x0, v0, theta, end, vEnd);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("exp", end);
            out.put("velocity", vEnd);
            print(out);
            return ExitCodes.OK;
        }
    }

    /** What log and dist share: --x, --y and the shooting solve. */
    abstract static class Pair extends SolverCommand {
        @Option(names = "--y", required = true, paramLabel = "y1,y2,...", description = "The end point.")
        String y;

        Pair(Io io) {
            super(io);
        }

        Distances distances(Model model, GeodesicMethod integrator) throws UsageException {
            if (!model.descriptor().kernels().contains("metric")) {
                throw new UsageException(name() + " needs a metric; manifold " + model.name()
                        + " has a lagrangian only");
            }
            return new Distances(model, integrator, Shooting.Options.DEFAULT);
        }

        int report(Map<String, Object> out, LogResult r) {
            out.put("status", r.status().toString());
            out.put("iterations", r.iterations());
            out.put("residual", r.residual());
            print(out);
            if (!r.converged()) {
                io.err().println("geo " + name() + ": the logarithm did not converge: " + r);
                return ExitCodes.RUNTIME_FAILURE;
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "log", mixinStandardHelpOptions = true,
            description = "The logarithm map: the initial velocity of the geodesic from --x that reaches --y at t = 1, "
                    + "by damped Newton shooting, with the solver's status.")
    static final class Log extends Pair {
        Log(Io io) {
            super(io);
        }

        @Override
        String name() {
            return "log";
        }

        @Override
        int run(Model model, double[] theta, GeodesicMethod integrator) throws UsageException {
            int d = model.dimension();
            double[] a = vector("--x", x, d);
            double[] b = vector("--y", y, d);
            double[] v = new double[d];
            LogResult r = distances(model, integrator).log(a, b, theta, v);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("log", r.converged() ? v : null);
            return report(out, r);
        }
    }

    @Command(name = "dist", mixinStandardHelpOptions = true,
            description = "The geodesic distance d(x, y) = |log_x(y)|_g(x).")
    static final class Dist extends Pair {
        Dist(Io io) {
            super(io);
        }

        @Override
        String name() {
            return "dist";
        }

        @Override
        int run(Model model, double[] theta, GeodesicMethod integrator) throws UsageException {
            int d = model.dimension();
            double[] a = vector("--x", x, d);
            double[] b = vector("--y", y, d);
            Distances.Distance r = distances(model, integrator).distance(a, b, theta);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("dist", r.converged() ? r.value() : null);
            return report(out, r.log());
        }
    }
}
