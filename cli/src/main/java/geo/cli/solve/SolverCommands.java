package geo.cli.solve;

import geo.cli.common.ExitCodes;
import geo.cli.common.Io;
import geo.cli.common.Progress;
import geo.cli.common.UsageException;
import geo.cli.options.ThreadsOption;
import geo.runtime.bvp.Batch;
import geo.runtime.bvp.BatchDistances;
import geo.runtime.bvp.Distances;
import geo.runtime.bvp.LogResult;
import geo.runtime.bvp.LogStatus;
import geo.runtime.bvp.Shooting;
import geo.runtime.geodesic.CheckedExp;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.load.Model;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code geo exp}, {@code geo log} and {@code geo dist}. */
public final class SolverCommands {

    private SolverCommands() {
    }

    @Command(name = "exp", mixinStandardHelpOptions = true,
            description = "The exponential map: the end point (and velocity) at t = 1 of the geodesic from --x with "
                    + "initial velocity --v.")
    public static final class Exp extends SolverCommand {
        @Option(names = "--v", required = true, paramLabel = "v1,v2,...", description = "The initial velocity.")
        String v;

        public Exp(Io io) {
            super(io);
        }

        @Override
        int run(Model model, double[] theta, GeodesicMethod integrator) throws UsageException {
            int d = model.dimension();
            double[] x0 = point("--x", x, model);
            double[] v0 = vector("--v", v, d);
            CheckedExp.Result r = checkedExp(model, integrator).exp(x0, v0, theta);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("exp", r.x());
            out.put("velocity", r.v());
            return report(out, r);
        }
    }

    /** What log and dist share: --x, --y and the shooting solve. */
    abstract static class Pair extends SolverCommand {
        // Not required by picocli: geo dist --pairs reads its points from a file instead.
        @Option(names = "--y", paramLabel = "y1,y2,...", description = "The end point.")
        String y;

        Pair(Io io) {
            super(io);
        }

        int report(Map<String, Object> out, LogResult r) {
            out.put("status", r.status().toString());
            out.put("iterations", r.iterations());
            out.put("residual", r.residual());
            print(out);
            if (r.status() == LogStatus.INACCURATE) {
                io.err().println("geo " + name() + ": the result is inaccurate: " + r.detail() + " (" + r.iterations()
                        + " iterations, residual " + r.residual() + " in coordinates)");
                return ExitCodes.RUNTIME_FAILURE;
            }
            if (!r.converged()) {
                io.err().println("geo " + name() + ": " + r.failure());
                return ExitCodes.RUNTIME_FAILURE;
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "log", mixinStandardHelpOptions = true,
            description = "The logarithm map: the initial velocity of the geodesic from --x that reaches --y at t = 1, "
                    + "by damped Newton shooting, with the solver's status.")
    public static final class Log extends Pair {
        public Log(Io io) {
            super(io);
        }

        @Override
        int run(Model model, double[] theta, GeodesicMethod integrator) throws UsageException {
            int d = model.dimension();
            double[] a = point("--x", x, model);
            double[] b = point("--y", y, model);
            double[] v = new double[d];
            LogResult r = distances(model, integrator).log(a, b, theta, v);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("log", r.converged() ? v : null);
            return report(out, r);
        }
    }

    @Command(name = "dist", mixinStandardHelpOptions = true,
            description = {"The geodesic distance d(x, y) = |log_x(y)|_g(x).",
                "With --pairs, the distance of every pair of a CSV file (x1..xd,y1..yd a line), on several threads, "
                    + "the logarithms shot in batches: a CSV line,dist,status,iterations,residual per pair; exit 70 if "
                    + "any failed."})
    public static final class Dist extends Pair {
        @Option(names = "--pairs", paramLabel = "FILE.csv",
                description = "Pairs of points, x1,...,xd,y1,...,yd a line ('#' comments, blank lines and a header "
                        + "line are skipped); replaces --x and --y.")
        Path pairs;

        @Option(names = "--out", paramLabel = "FILE.csv",
                description = "With --pairs: write the results there (and a summary on standard output).")
        Path outFile;

        @Option(names = "--batch", paramLabel = "auto|on|off", defaultValue = "auto",
                description = "With --pairs: shoot the logarithms in batches (on), each pair on its own (off), or in "
                        + "batches from " + DistanceBatch.BATCH_FROM + " pairs on (auto; below that the batch kernels' "
                        + "compilation costs more than they save). The same statuses either way, distances equal up to "
                        + "the shooting tolerance (default: ${DEFAULT-VALUE}).")
        DistanceBatch.Mode batchMode;

        @Mixin
        ThreadsOption threads;

        public Dist(Io io) {
            super(io);
        }

        @Override
        int run(Model model, double[] theta, GeodesicMethod integrator) throws UsageException {
            if (pairs != null) {
                return batch(model, theta, integrator);
            }
            if (outFile != null || threads.given() || batchMode != DistanceBatch.Mode.auto) {
                throw new UsageException((outFile != null ? "--out" : threads.given() ? "--threads" : "--batch")
                        + " goes with --pairs");
            }
            int d = model.dimension();
            double[] a = point("--x", x, model);
            double[] b = point("--y", y, model);
            Distances.Distance r = distances(model, integrator).distance(a, b, theta);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("dist", r.converged() ? r.value() : null);
            if (!Double.isNaN(r.error())) {
                out.put("error", r.error());
            }
            return report(out, r.log());
        }

        private int batch(Model model, double[] theta, GeodesicMethod integrator) throws UsageException {
            if (x != null || y != null) {
                throw new UsageException("--pairs replaces --x and --y; give either --pairs or both --x and --y");
            }
            int workers = threads.workers();
            requireMetric(model);
            DistanceBatch.Pairs input = DistanceBatch.read(pairs, model);
            Progress.Output progress = Progress.Output.of(io, "geo dist");
            Batch.Result result = !batchMode.batched(input.xs().length)
                    ? DistanceBatch.compute(() -> new Distances(model, integrator, Shooting.Options.DEFAULT), input,
                            theta, workers, progress)
                    : DistanceBatch.computeBatched(() -> new BatchDistances(model, integrator, Shooting.Options.DEFAULT),
                            input, theta, workers, progress);
            if (outFile == null) {
                if (json) {
                    print(DistanceBatch.json(input, result));
                } else {
                    io.out().print(DistanceBatch.csv(input, result));
                }
            } else {
                if (!write(outFile, DistanceBatch.csv(input, result))) {
                    return ExitCodes.RUNTIME_FAILURE;
                }
                Map<String, Object> summary = DistanceBatch.summary(input, result);
                if (json) {
                    summary.put("out", outFile.toString());
                    print(summary);
                } else {
                    io.out().println("wrote " + outFile + ": " + summary.get("pairs") + " distances, "
                            + summary.get("failed") + " failed");
                }
            }
            String failures = DistanceBatch.failures(input, result);
            if (failures != null) {
                io.err().println("geo dist: " + failures);
                return ExitCodes.RUNTIME_FAILURE;
            }
            return ExitCodes.OK;
        }
    }
}
