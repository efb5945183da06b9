package geo.cli.transport;

import geo.cli.common.ExitCodes;
import geo.cli.common.Io;
import geo.cli.common.Progress;
import geo.cli.common.UsageException;
import geo.cli.common.figure.PlotException;
import geo.cli.options.ModelOptions;
import geo.cli.options.ParameterOptions;
import geo.cli.options.SolverOptions;
import geo.cli.options.ThreadsOption;
import geo.runtime.api.Domain;
import geo.runtime.api.Json;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.load.Model;
import geo.runtime.transport.CostMatrix;
import geo.runtime.transport.NetworkSimplex;
import geo.runtime.transport.SinkhornOptions;
import geo.runtime.transport.cost.CostMatrices;
import geo.runtime.transport.cost.CostResult;
import geo.runtime.transport.cost.EntryFailure;
import geo.runtime.transport.cost.LagrangianActionCost;
import geo.runtime.transport.cost.PairCost;
import geo.runtime.transport.cost.PathResult;
import geo.runtime.transport.cost.SquaredEuclideanCost;
import geo.runtime.transport.cost.SquaredGeodesicCost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code geo ot}: the optimal transport plan between two weighted point clouds, on a squared
 * Euclidean cost, the squared geodesic distance of a compiled metric or the minimal action of a
 * compiled Lagrangian ({@code geo.runtime.transport.cost}), solved exactly (assignment for uniform
 * weights and n = m, network simplex otherwise) or by log-domain Sinkhorn.
 */
@Command(name = "ot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Optimal transport between two point clouds: the cost, the plan, the matched pairs' paths and "
                + "a picture.",
            "A cloud is a CSV file with a header naming the columns x0,x1,... (any order) and optionally weight, then "
                + "one point a line; without weights every point weighs 1/n. Both clouds must have the same mass."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:solved", "64:usage error or bad data (a file and line, clouds of different dimension or "
                + "mass, a negative weight, a point outside the model's domain, eps <= 0)",
            "65:the model has compile errors",
            "70:cost entries failed, the solver did not converge, or a file could not be written"})
public final class OtCommand implements Callable<Integer> {

    /** Samples of each path written by --paths and drawn by --plot. */
    static final int PATH_SAMPLES = 41;
    /**
     * The most RK4 steps of --steps: refined entries take 4× as many, and solves record every step
     * (about 8·d numbers) for their exact Jacobians, so 4·steps·d is held to the solvers' limit too.
     */
    static final int MAX_STEPS = SolverOptions.MAX_STEPS / 4;

    @Option(names = "--source", paramLabel = "S.csv", required = true, description = "The source cloud.")
    Path source;

    @Option(names = "--target", paramLabel = "T.csv", required = true, description = "The target cloud.")
    Path target;

    @Option(names = "--model", paramLabel = "MODEL", description = "A .geo file or model jar: the metric or "
            + "Lagrangian of the geodesic and lagrangian costs.")
    Path model;

    @Option(names = "--manifold", paramLabel = "NAME", description = "The manifold of --model (default: the first).")
    String manifold;

    @Mixin
    ParameterOptions overrides;

    @Option(names = "--cost", paramLabel = "sqeuclidean|geodesic|lagrangian",
            description = "The ground cost: |x - y|^2, the squared geodesic distance d(x, y)^2 of the model's metric, "
                    + "or the minimal action of its Lagrangian over spline paths (default: sqeuclidean without "
                    + "--model, geodesic with a metric model, lagrangian with a Lagrangian one).")
    String cost;

    @Option(names = "--action", paramLabel = "continuous|discrete", defaultValue = "continuous",
            description = "With --cost lagrangian: the integral of L over the path, or the discrete action "
                    + "sum_k L(x_k, x_{k+1} - x_k) on 20 points of Pooladian et al. 2024 (default: ${DEFAULT-VALUE}).")
    String action;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "" + SquaredGeodesicCost.Options.STEPS,
            description = "With --cost geodesic: RK4 steps of each geodesic, 2 to 25000 (default: ${DEFAULT-VALUE}); an "
                    + "entry that fails its error estimate is solved again with 2N and 4N steps.")
    int steps;

    @Option(names = "--solver", paramLabel = "exact|sinkhorn", defaultValue = "exact",
            description = "exact: assignment for uniform weights and n = m, network simplex otherwise; sinkhorn: "
                    + "entropic, log-domain (default: ${DEFAULT-VALUE}).")
    String solver;

    @Option(names = "--eps", paramLabel = "E", description = "With --solver sinkhorn: epsilon relative to the "
            + "largest cost, > 0 (default: " + SinkhornOptions.EPSILON + ").")
    Double eps;

    @Option(names = "--max-iterations", paramLabel = "N", description = "With --solver sinkhorn: the most "
            + "iterations, >= 1 (default: " + SinkhornOptions.MAX_ITERATIONS + ").")
    Integer maxIterations;

    @Option(names = "--out", paramLabel = "plan.csv", description = "Write the plan: source,target,mass (0-based "
            + "point indices, in file order).")
    Path out;

    @Option(names = "--paths", paramLabel = "paths.csv", description = "Write each matched pair's path (41 points): "
            + "source,target,k,x0,x1,...")
    Path paths;

    @Option(names = "--plot", paramLabel = "FILE.png|FILE.svg", description = "Draw the two clouds and the matched "
            + "pairs along their paths (2 coordinates).")
    Path plot;

    @Option(names = "--json", description = "Print a JSON object instead of text.")
    boolean json;

    @Mixin
    ThreadsOption threads;

    private final Io io;

    public OtCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        try {
            Problem problem = problem();
            if (problem == null) {
                return ExitCodes.COMPILE_ERROR;
            }
            return solve(problem);
        } catch (UsageException e) {
            io.err().println("geo ot: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    /** The checked input: the clouds, the model (or null), θ and the cost. */
    private record Problem(Cloud source, Cloud target, Model model, double[] theta, PairCost cost) {
    }

    /** Reads and checks everything before any work; null after printing a model's compile errors. */
    private Problem problem() throws UsageException {
        if (!solver.equals("exact") && !solver.equals("sinkhorn")) {
            throw new UsageException("unknown --solver '" + solver + "'; use exact or sinkhorn");
        }
        if (eps != null && solver.equals("exact")) {
            throw new UsageException("--eps needs --solver sinkhorn");
        }
        if (maxIterations != null && solver.equals("exact")) {
            throw new UsageException("--max-iterations needs --solver sinkhorn");
        }
        if (maxIterations != null && maxIterations < 1) {
            throw new UsageException("--max-iterations must be at least 1, got " + maxIterations);
        }
        if (eps != null && !(eps > 0 && Double.isFinite(eps))) {
            throw new UsageException("--eps must be a positive number, got " + eps);
        }
        if (!action.equals("continuous") && !action.equals("discrete")) {
            throw new UsageException("unknown --action '" + action + "'; use continuous or discrete");
        }
        if (plot != null) {
            OtPlot.check(plot);
        }
        Cloud s = Cloud.read(source);
        Cloud t = Cloud.read(target);
        if (s.dimension() != t.dimension()) {
            throw new UsageException("the source " + source + " has points in R^" + s.dimension() + ", the target "
                    + target + " in R^" + t.dimension() + "; both clouds need the same dimension");
        }
        double ms = s.mass();
        double mt = t.mass();
        if (Math.abs(ms - mt) > NetworkSimplex.MASS_BALANCE_TOLERANCE * Math.max(ms, mt)) {
            throw new UsageException(String.format(Locale.ROOT, "the source weights sum to %.17g (%s) and the target "
                    + "weights to %.17g (%s); both clouds must have the same mass", ms, source, mt, target));
        }
        if (plot != null && s.dimension() != 2) {
            throw new UsageException("--plot draws clouds with 2 coordinates, these have " + s.dimension());
        }
        String kind = cost;
        Model m = null;
        double[] theta = new double[0];
        if (model != null) {
            m = ModelOptions.load(io, model, manifold);
            if (m == null) {
                return null;
            }
            if (m.dimension() != s.dimension()) {
                throw new UsageException("the model " + m.name() + " has " + m.dimension() + " coordinates, the points "
                        + s.dimension());
            }
            theta = overrides.apply(m.descriptor(), m.defaultParameters());
            inDomain(s, m.descriptor().domain());
            inDomain(t, m.descriptor().domain());
            if (kind == null) {
                kind = m.descriptor().kernels().contains("metric") ? "geodesic" : "lagrangian";
            }
        } else if (overrides.given() || manifold != null) {
            throw new UsageException("--manifold, --params and --param need --model");
        }
        if (kind == null) {
            kind = "sqeuclidean";
        }
        if (!kind.equals("geodesic") && steps != SquaredGeodesicCost.Options.STEPS) {
            throw new UsageException("--steps needs --cost geodesic");
        }
        if (!kind.equals("lagrangian") && !action.equals("continuous")) {
            throw new UsageException("--action needs --cost lagrangian");
        }
        PairCost c = switch (kind) {
            case "sqeuclidean" -> {
                if (m != null) {
                    throw new UsageException("--cost sqeuclidean takes no --model");
                }
                yield new SquaredEuclideanCost(s.dimension());
            }
            case "geodesic" -> {
                if (m == null) {
                    throw new UsageException("--cost geodesic needs --model (a metric)");
                }
                if (!m.descriptor().kernels().contains("metric")) {
                    throw new UsageException("manifold " + m.name() + " has no metric; use --cost lagrangian");
                }
                if (steps < 2 || steps > MAX_STEPS || 4L * steps * m.dimension() > SolverOptions.MAX_STEPS_TIMES_D) {
                    throw new UsageException("--steps must be from 2 to " + Math.min(MAX_STEPS,
                            SolverOptions.MAX_STEPS_TIMES_D / (4L * m.dimension())) + " for " + m.dimension()
                            + " coordinates (refined entries take 4 times the steps), got " + steps);
                }
                yield new SquaredGeodesicCost(m, SquaredGeodesicCost.Options.DEFAULTS.withMethod(
                        GeodesicMethod.rk4(steps)));
            }
            case "lagrangian" -> {
                if (m == null) {
                    throw new UsageException("--cost lagrangian needs --model (a Lagrangian or a metric)");
                }
                yield new LagrangianActionCost(m, action.equals("discrete") ? LagrangianActionCost.Options.PAPER
                        : LagrangianActionCost.Options.DEFAULTS);
            }
            default -> throw new UsageException("unknown --cost '" + kind + "'; use sqeuclidean, geodesic or lagrangian");
        };
        return new Problem(s, t, m, theta, c);
    }

    /** Every point must lie in the model's chart: a data error with its file and line otherwise. */
    private static void inDomain(Cloud cloud, Domain domain) throws UsageException {
        for (int i = 0; i < cloud.size(); i++) {
            String why = domain.check(cloud.points()[i]);
            if (why != null) {
                throw new UsageException(cloud.where(i) + ": the point is outside the model's domain " + domain + ": "
                        + why);
            }
        }
    }

    private void reportFailures(CostResult.Failed f, Problem p) {
        Cloud s = p.source();
        Cloud t = p.target();
        io.err().println("geo ot: " + f.failures().size() + " of " + (long) s.size() * t.size()
                + " cost entries (" + p.cost().description() + ") failed"
                + (p.cost() instanceof SquaredGeodesicCost ? " (INACCURATE ones may pass with more --steps)" : "")
                + ":");
        int listed = 0;
        for (EntryFailure e : f.failures()) {
            if (listed++ == 10) {
                io.err().println("  ... and " + (f.failures().size() - 10) + " more");
                break;
            }
            io.err().println("  source " + s.where(e.row()) + " to target " + t.where(e.col()) + ": " + e.status()
                    + ": " + e.detail());
        }
    }

    private int solve(Problem p) throws UsageException {
        int workers = threads.workers();
        Cloud s = p.source();
        Cloud t = p.target();
        OptionalDouble epsilon = eps == null ? OptionalDouble.empty() : OptionalDouble.of(eps);
        int iterations = maxIterations == null ? SinkhornOptions.MAX_ITERATIONS : maxIterations;
        Transport tr;
        if (p.cost() instanceof SquaredEuclideanCost && solver.equals("sinkhorn")) {
            // No matrix: Sinkhorn computes the rows of |x − y|² from the clouds (the same bits, no n·m storage).
            tr = Transport.sinkhorn(s.points(), t.points(), s.weights(), t.weights(), epsilon, iterations, workers);
        } else {
            CostResult result;
            try (Progress progress = Progress.start(Progress.Output.of(io, "geo ot"), "cost matrix",
                    (long) s.size() * t.size())) {
                result = CostMatrices.build(p.cost(), s.points(), t.points(), p.theta(), workers,
                        (row, entries) -> progress.advance(entries));
            }
            if (result instanceof CostResult.Failed f) {
                reportFailures(f, p);
                return ExitCodes.RUNTIME_FAILURE;
            }
            CostMatrix c = ((CostResult.Built) result).matrix();
            boolean uniformSquare = s.uniform() && t.uniform() && s.size() == t.size();
            tr = solver.equals("exact") ? Transport.exact(c, s.weights(), t.weights(), uniformSquare)
                    : Transport.sinkhorn(c, s.weights(), t.weights(), epsilon, iterations, workers);
        }
        if (!tr.ok()) {
            io.err().println("geo ot: the " + tr.solver() + " solver failed: " + tr.status() + " after "
                    + tr.iterations() + " iterations" + tr.entropic().map(e -> String.format(Locale.ROOT,
                    ", marginal error %.3g (eps %.3g)", e.marginalError(), e.epsilon())).orElse(""));
            return ExitCodes.RUNTIME_FAILURE;
        }
        int[][] pairs = tr.matchedPairs();
        PathResult[] traced = new PathResult[0];
        if (paths != null || plot != null) {
            int[] from = new int[pairs.length];
            int[] to = new int[pairs.length];
            for (int k = 0; k < pairs.length; k++) {
                from[k] = pairs[k][0];
                to[k] = pairs[k][1];
            }
            traced = CostMatrices.paths(p.cost(), s.points(), t.points(), p.theta(), from, to, PATH_SAMPLES, workers);
            for (int k = 0; k < traced.length; k++) {
                if (!traced[k].ok()) {
                    io.err().println("geo ot: the path from source " + s.where(from[k]) + " to target " + t.where(to[k])
                            + " failed: " + traced[k].status() + ": " + traced[k].detail());
                    return ExitCodes.RUNTIME_FAILURE;
                }
            }
        }
        try {
            if (out != null) {
                Files.writeString(out, OtReport.planCsv(tr));
            }
            if (paths != null) {
                Files.writeString(paths, OtReport.pathsCsv(pairs, traced, s.dimension()));
            }
            if (plot != null) {
                OtPlot.write(plot, p.model(), p.theta(), s, t, pairs, traced, tr, p.cost().description());
            }
        } catch (IOException e) {
            io.err().println("geo ot: cannot write " + e.getMessage());
            return ExitCodes.RUNTIME_FAILURE;
        } catch (PlotException e) {
            io.err().println("geo ot: --plot: " + e.getMessage());
            return e.isUsage() ? ExitCodes.USAGE : ExitCodes.RUNTIME_FAILURE;
        }
        if (json) {
            io.out().println(Json.writePretty(OtReport.json(s, t, p.cost().description(), tr)));
        } else {
            io.out().print(OtReport.text(s, t, p.cost().description(), tr));
        }
        return ExitCodes.OK;
    }
}
