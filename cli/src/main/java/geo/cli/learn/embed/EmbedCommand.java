package geo.cli.learn.embed;

import geo.cli.common.ExitCodes;
import geo.cli.common.Io;
import geo.cli.common.Progress;
import geo.cli.common.UsageException;
import geo.cli.common.figure.PlotException;
import geo.cli.options.ModelOptions;
import geo.cli.options.ParameterOptions;
import geo.cli.options.ThreadsOption;
import geo.cli.options.TrainingOptions;
import geo.compiler.check.Limits;
import geo.runtime.api.Json;
import geo.runtime.learn.Stopping;
import geo.runtime.learn.TrainingStatus;
import geo.runtime.learn.embed.ClosedFormBase;
import geo.runtime.learn.embed.EmbedOptions;
import geo.runtime.learn.embed.Init;
import geo.runtime.learn.embed.Objective;
import geo.runtime.learn.embed.Optimisation;
import geo.runtime.learn.embed.PairLoss;
import geo.runtime.learn.embed.Trainer;
import geo.runtime.learn.embed.TrainingResult;
import geo.runtime.load.Model;
import geo.runtime.load.ParameterFile;
import geo.runtime.manifold.EmbeddingSpace;
import geo.runtime.manifold.RiemannianSpace;
import geo.runtime.manifold.WarmStartedSpace;
import geo.runtime.manifold.closed.Euclidean;
import geo.runtime.manifold.closed.Lorentz;
import geo.runtime.manifold.closed.PoincareBall;
import geo.runtime.manifold.closed.Sphere;
import geo.runtime.manifold.compiled.ModelSpace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code geo embed}: embeds a graph in a closed-form space or in a learned {@code .geo} metric so
 * that embedded distances match shortest-path distances (Lou, Nickel &amp; Amos, "Deep Riemannian
 * Manifold Learning", 2020), training node positions and the metric's θ together
 * ({@link Trainer}), for one seed or several, and prints distortion and MAP.
 */
@Command(name = "embed", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Embed a graph so that distances in a space match its shortest-path distances, and print the "
                + "average distortion, the worst-case distortion and the mean average precision (MAP).",
            "GRAPH is an edge-list file ('u v' per line, nodes from 0, # comments) or a generated graph: "
                + "tree:BRANCHING,DEPTH, cycle:N, grid:N1,N2,... or icosphere:K; at most 5000 nodes."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:trained (every seed)", "64:usage error (bad option, graph file or line, model)",
            "65:the model has compile errors", "70:training failed (too many distances failed), or a file could not "
                + "be written"})
public final class EmbedCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "GRAPH", description = "An edge-list file or a generator (see above).")
    String graph;

    @Option(names = "--space", paramLabel = "NAME",
            description = "A closed-form space: euclidean, poincare, lorentz or sphere (the d-sphere, stored in R^(d+1)).")
    String space;

    @Option(names = "--model", paramLabel = "MODEL",
            description = "A learned metric instead: a .geo file or model jar; distances by geodesic shooting.")
    Path model;

    @Option(names = "--manifold", paramLabel = "NAME", description = "The manifold of --model (default: the first).")
    String manifold;

    @Option(names = "--base", paramLabel = "SPACE",
            description = "With --model: a learned metric on a closed-form base (euclidean, poincare, lorentz or sphere): "
                    + "first train that space's row with this command's other options, carry its finished layout into "
                    + "the model's chart (the model must be g = L G L' with G the base's metric, L = I at its initial "
                    + "parameters, and its curvature in a parameter logc: examples/graph-embedding/deepD-hyperbolic.geo, "
                    + "deepD-sphere.geo), then finish the positions and the model's parameters together by "
                    + "--base-finish evaluations of the annealed worst case.")
    String base;

    @Option(names = "--base-finish", paramLabel = "EVALUATIONS", defaultValue = "" + ClosedFormBase.FINISH_EVALUATIONS,
            description = "With --base: the annealed finish's budget of full passes over the pairs (default: ${DEFAULT-VALUE}).")
    int baseFinish;

    @Option(names = "--base-temperature", paramLabel = "TAU", defaultValue = "" + ClosedFormBase.FIRST_TEMPERATURE,
            description = "With --base: run only the annealed finish's stages with temperature at most TAU (of 0.1, 0.05, "
                    + "0.02, 0.01, 0.005, 0.002), the budget split evenly over them (default: ${DEFAULT-VALUE}).")
    double baseTemperature;

    @Mixin
    ParameterOptions overrides;

    @Option(names = "--dim", paramLabel = "D", description = "The dimension, 1 to 256 (required with --space; with "
            + "--model it must match the model's).")
    Integer dim;

    @Option(names = "--loss", paramLabel = "NAME", defaultValue = Objective.LOSS,
            description = "stress (d_M - d_G)^2, relative |d_M/d_G - 1|, relative-squared (d_M/d_G - 1)^2 or two-sided "
                    + "(r - 1)^2 + (1/r - 1)^2 with r = d_M/d_G (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--scale", description = "Fit s*d_M with a global scale s (a scale-free loss), set by --scale-mode.")
    boolean scale;

    @Option(names = "--scale-mode", paramLabel = "MODE", defaultValue = Objective.SCALE_MODE,
            description = "With --scale: solved (s minimises each batch's loss, in closed form for stress and "
                    + "relative-squared) or learned (s = exp(sigma) trained by Adam at --param-lr) (default: ${DEFAULT-VALUE}).")
    String scaleMode;

    @Option(names = "--worst-case", paramLabel = "EPOCHS", defaultValue = "0",
            description = "Finish with at most this many full-batch epochs on a smooth worst-case distortion (log-sum-exp "
                    + "of the pairs' log ratios), keeping the result with the lower worst-case distortion (default: ${DEFAULT-VALUE}).")
    int worstCase;

    @Option(names = "--worst-case-method", paramLabel = "NAME", defaultValue = Objective.FINISH,
            description = "How --worst-case minimises: adam (one full-batch Adam step per epoch at temperature 0.02) or "
                    + "annealed (L-BFGS through temperatures 0.1 down to 0.002, at most EPOCHS full passes; euclidean, "
                    + "poincare, lorentz, and --model, whose positions and parameters it moves together) "
                    + "(default: ${DEFAULT-VALUE}).")
    String worstCaseMethod;

    @Option(names = "--worst-case-from", paramLabel = "START", defaultValue = Objective.FINISH_FROM,
            description = "Where --worst-case starts: trained (the result of --epochs epochs on --loss) or layout (the "
                    + "start layout of --init, untrained: --loss training is skipped); a comma-separated list is used "
                    + "per start in turn with --starts (start j uses entry j mod count), e.g. layout,trained "
                    + "(default: ${DEFAULT-VALUE}).")
    String worstCaseFrom;

    @Option(names = "--pretrain", paramLabel = "EPOCHS", defaultValue = "" + Init.PRETRAIN_EPOCHS,
            description = "With --model: first train this many epochs in the Euclidean space of the same dimension "
                    + "(closed form, fast; on every pair, also with --pairs-per-epoch; with --worst-case, its finish too, at "
                    + "most this many passes, from the same start), then start the learned metric from that embedding (default: ${DEFAULT-VALUE}).")
    int pretrain;

    @Option(names = "--init", paramLabel = "LAYOUT", defaultValue = Init.LAYOUT,
            description = "Where node positions start: random (seeded, near the origin) or mds (classical MDS of the graph "
                    + "distances, placed at unit speed from the origin, so graph distance 1 is length 1) (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--starts", paramLabel = "K", defaultValue = "" + Init.STARTS,
            description = "Train K times per seed (the first from the seed, the others from seeds drawn from it) and keep "
                    + "the run with the lowest training objective over all pairs (the smooth worst case with --worst-case, "
                    + "else the mean pair loss) (default: ${DEFAULT-VALUE}).")
    int starts;

    @Option(names = "--init-scales", paramLabel = "C1,C2,...", defaultValue = Init.LAYOUT_SCALES,
            description = "With --init mds: the layout's size per start in turn (start j uses entry j mod count): at C "
                    + "graph distance 1 is length C, so a small C starts in the nearly flat region of the hyperbolic "
                    + "spaces (default: ${DEFAULT-VALUE}).")
    String initScales;

    @Option(names = "--batch", paramLabel = "PAIRS", defaultValue = "" + Optimisation.BATCH_SIZE,
            description = "Pairs per Adam step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--pairs-per-epoch", paramLabel = "PAIRS", defaultValue = "" + Optimisation.PAIRS_PER_EPOCH,
            description = "Pairs an epoch visits: a fresh seeded random sample each epoch, for large graphs; 0 = every "
                    + "pair (default: ${DEFAULT-VALUE}). The final metrics always use every pair.")
    int pairsPerEpoch;

    @Option(names = "--sample-epochs", paramLabel = "EPOCHS", defaultValue = "" + Optimisation.SAMPLE_EPOCHS,
            description = "With --pairs-per-epoch: keep each sample of pairs for EPOCHS epochs (reshuffled in between), "
                    + "so that a pair's later visits start warm from the epoch before (default: ${DEFAULT-VALUE}, a "
                    + "fresh sample each epoch).")
    int sampleEpochs;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "" + Optimisation.POSITION_LEARNING_RATE,
            description = "Adam's step for node positions (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = Optimisation.OPTIMIZER,
            description = "riemannian: Riemannian Adam for node positions in the Poincaré ball and the hyperboloid "
                    + "(steps measured by the metric), Adam elsewhere; adam: Adam on the coordinates everywhere "
                    + "(default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--param-lr", paramLabel = "RATE", defaultValue = "" + Optimisation.PARAMETER_LEARNING_RATE,
            description = "Adam's step for the metric's parameters and the scale (default: ${DEFAULT-VALUE}).")
    double paramLr;

    @Mixin
    TrainingOptions training;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--out", paramLabel = "FILE.csv",
            description = "Write the embedding (node, coordinates) of the best seed by worst-case distortion.")
    Path out;

    @Option(names = "--save-params", paramLabel = "FILE.json",
            description = "With --model: write the learned parameters of that seed, for --params of other commands.")
    Path saveParams;

    @Option(names = "--plot", paramLabel = "FILE.png|FILE.svg",
            description = "Draw that seed's embedding (2 coordinates per node): the graph at the node positions, over the "
                    + "learned metric's ellipses.")
    Path plot;

    @Option(names = "--json", description = "Print a JSON object instead of text.")
    boolean json;

    @Option(names = "--row", description = "Print only a Markdown table row: graph, d, space, worst-case and average "
            + "distortion and MAP (mean ± sd over the seeds), ms per epoch, share of time in distances.")
    boolean row;

    /** The name of the ln-curvature parameter of a model on a closed-form base. */
    static final String CURVATURE_PARAMETER = "logc";

    private final Io io;

    public EmbedCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        try {
            GraphSource g = GraphSource.of(graph);
            Model loaded = null;
            if ((space == null) == (model == null)) {
                throw new UsageException("give exactly one of --space and --model");
            }
            if (model != null) {
                loaded = ModelOptions.load(io, model, manifold);
                if (loaded == null) {
                    return ExitCodes.COMPILE_ERROR;
                }
            } else if (overrides.given() || manifold != null || pretrain != 0 || saveParams != null) {
                throw new UsageException("--manifold, --params, --param, --pretrain and --save-params need --model");
            }
            if (pretrain < 0) {
                throw new UsageException("--pretrain must be at least 0, got " + pretrain);
            }
            if (base != null && (model == null || pretrain != 0)) {
                throw new UsageException("--base needs --model, and replaces --pretrain");
            }
            if (base != null && baseFinish < 1) {
                throw new UsageException("--base-finish must be at least 1, got " + baseFinish);
            }
            if (base != null && !(baseTemperature >= 0.002)) {
                throw new UsageException("--base-temperature must be at least 0.002 (the last stage's), got " + baseTemperature);
            }
            EmbeddingSpace s = space(loaded);
            if (plot != null) {
                EmbedPlot.check(plot, s.dimension());
            }
            EmbedOptions options = options(loaded);
            // θ₀ of each seed: the model's initialisers drawn with the seed (Model.initialParameters; the
            // trainer draws them itself when nothing is overridden), then --params/--param on top
            List<double[]> starts = new ArrayList<>();
            if (loaded != null && overrides.given()) {
                for (long seed : training.seeds()) {
                    starts.add(overrides.apply(loaded.descriptor(), loaded.initialParameters(seed)));
                }
            }
            return train(g, s, options, loaded, starts);
        } catch (UsageException e) {
            io.err().println("geo embed: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    private EmbeddingSpace space(Model loaded) throws UsageException {
        if (loaded != null) {
            if (!loaded.descriptor().kernels().contains("metric")) {
                throw new UsageException("manifold " + loaded.name() + " has no metric: embedding needs distances");
            }
            if (dim != null && dim != loaded.dimension()) {
                throw new UsageException("--dim " + dim + " does not match the model's dimension " + loaded.dimension());
            }
            return new ModelSpace(loaded, ModelSpace.Options.TRAINING);
        }
        if (dim == null) {
            throw new UsageException("--space needs --dim");
        }
        if (dim < 1 || dim > Limits.MAX_COORDINATES) {
            throw new UsageException("--dim must be from 1 to " + Limits.MAX_COORDINATES + " (the most coordinates a "
                    + "manifold may have), got " + dim);
        }
        return closedForm("--space", space, dim);
    }

    /** The closed-form space NAME (given by {@code option}) of dimension d (the sphere: the d-sphere). */
    private static EmbeddingSpace closedForm(String option, String name, int d) throws UsageException {
        return switch (name) {
            case "euclidean" -> new Euclidean(d);
            case "poincare" -> new PoincareBall(d);
            case "lorentz" -> new Lorentz(d);
            case "sphere" -> new Sphere(d);
            default -> throw new UsageException("unknown " + option + " '" + name
                    + "'; use euclidean, poincare, lorentz or sphere");
        };
    }

    /**
     * The learned metric's settings on a closed-form base: the run's loss (it only sets the average
     * distortion's scale), the annealed finish of --base-finish evaluations from the carried layout.
     */
    private EmbedOptions baseFinishOptions(EmbedOptions run) {
        Objective o = new Objective(run.objective().loss(), Objective.Scale.LEARNED, baseFinish,
                Objective.Finish.ANNEALED, List.of(Objective.FinishStart.LAYOUT), baseTemperature);
        return run.with(o).with(run.init().withStarts(1).withPretrainEpochs(0).withLayoutScales(List.of(1.0)));
    }

    /** The index in θ of the model's ln-curvature parameter, if it has one. */
    private static java.util.OptionalInt curvatureIndex(Model loaded) {
        for (geo.runtime.api.ModelDescriptor.Parameter p : loaded.descriptor().parameters()) {
            if (p.name().equals(CURVATURE_PARAMETER) && p.size() == 1) {
                return java.util.OptionalInt.of(p.offset());
            }
        }
        return java.util.OptionalInt.empty();
    }

    private EmbedOptions options(Model loaded) throws UsageException {
        PairLoss l = PairLoss.of(loss).orElseThrow(() -> new UsageException("unknown --loss '" + loss
                + "'; use stress, relative, relative-squared or two-sided"));
        Objective.Scale mode = Objective.Scale.of(scaleMode).filter(m -> m != Objective.Scale.FIXED)
                .orElseThrow(() -> new UsageException("unknown --scale-mode '" + scaleMode + "'; use solved or learned"));
        boolean riemannian = switch (optimizer) {
            case Optimisation.RIEMANNIAN -> true;
            case Optimisation.ADAM -> false;
            default -> throw new UsageException("unknown --optimizer '" + optimizer + "'; use riemannian or adam");
        };
        Objective.Finish finish = Objective.Finish.of(worstCaseMethod).orElseThrow(() -> new UsageException(
                "unknown --worst-case-method '" + worstCaseMethod + "'; use adam or annealed"));
        if (finish == Objective.Finish.ANNEALED && ("sphere".equals(space) || "sphere".equals(base))) {
            throw new UsageException("--worst-case-method annealed works in the euclidean, poincare and lorentz spaces "
                    + "and learned metrics (--model)");
        }
        List<Objective.FinishStart> finishStarts;
        try {
            finishStarts = Objective.FinishStart.parseList(worstCaseFrom);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--worst-case-from: " + e.getMessage());
        }
        if (finishStarts.contains(Objective.FinishStart.LAYOUT) && worstCase == 0) {
            throw new UsageException("--worst-case-from layout needs --worst-case EPOCHS > 0");
        }
        EmbedOptions o;
        try {
            Stopping stopping = training.stopping();
            Optimisation steps = new Optimisation(batch, lr, paramLr, riemannian, pairsPerEpoch, sampleEpochs);
            Init.Layout layout = Init.Layout.of(init).orElseThrow(() -> new UsageException("unknown --init '" + init
                    + "'; use random or mds"));
            o = EmbedOptions.DEFAULTS.with(new Objective(l, scale ? mode : Objective.Scale.FIXED, worstCase, finish, finishStarts)).with(steps).with(stopping)
                    .with(Init.DEFAULTS.withPretrainEpochs(pretrain).withLayout(layout).withStarts(starts)
                            .withLayoutScales(Init.parseScales(initScales)));
            if (threads.given()) {
                o = o.with(o.execution().withThreads(threads.workers()));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return o;
    }

    private int train(GraphSource g, EmbeddingSpace s, EmbedOptions options, Model loaded, List<double[]> starts) {
        List<TrainingResult> results = new ArrayList<>();
        List<Long> seeds = training.seeds();
        String spaceName = loaded != null ? loaded.name() + " (" + model + ")" + (base != null ? " on the " + base
                + " base" : "") : space;
        EmbeddingSpace baseSpace;
        try {
            baseSpace = base == null ? null : closedForm("--base", base, s.dimension());
        } catch (UsageException e) {
            io.err().println("geo embed: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        int d = loaded != null ? loaded.dimension() : dim;
        boolean text = !json && !row;
        String optimiser = options.optimisation().riemannian() && s instanceof RiemannianSpace ? "Riemannian Adam" : "Adam";
        if (text) {
            io.out().printf(Locale.ROOT, "graph %s: %d nodes, %d edges, %d pairs, diameter %d%n", g.name(),
                    g.paths().nodeCount(), g.paths().graph().edgeCount(), g.paths().pairCount(), g.paths().diameter());
            io.out().printf(Locale.ROOT, "space %s, d = %d; loss %s%s; %s; at most %d epochs%s%n", spaceName, d,
                    loss, scale ? " with a " + scaleMode + " scale" : "", optimiser, training.epochs(),
                    pretrain > 0 ? ", from " + pretrain + " epochs in the Euclidean space" : "");
        }
        try (Progress progress = Progress.start(Progress.Output.of(io, "geo embed"), "training",
                (long) training.epochs() * seeds.size())) {
            for (long seed : seeds) {
                WarmStartedSpace.clear(s);
                long before = progress.done();
                EmbedOptions run = options.with(options.execution().withSeed(seed));
                if (!starts.isEmpty()) {
                    run = run.with(run.init().withParameters(starts.get(results.size())));
                }
                TrainingResult r;
                if (baseSpace != null) {
                    ClosedFormBase.Result both;
                    try {
                        both = ClosedFormBase.train(baseSpace, run, s, baseFinishOptions(run), curvatureIndex(loaded),
                                g.paths(), new EmbedProgress(progress, before, seed));
                    } catch (IllegalArgumentException e) {
                        io.err().println("geo embed: --base " + base + ": " + e.getMessage());
                        return ExitCodes.USAGE;
                    }
                    r = both.learned();
                    if (text) {
                        io.out().println(EmbedReport.seedLine(seed, both.base()).replaceFirst("^seed \\d+:",
                                "seed " + seed + ", the " + base + " row:"));
                    }
                } else {
                    r = new Trainer(s, run).train(g.paths(), new EmbedProgress(progress, before, seed));
                }
                progress.set(before + training.epochs(), "");
                results.add(r);
                if (text) {
                    io.out().println(EmbedReport.seedLine(seed, r));
                    if (baseSpace != null) {
                        io.out().println("  " + r.message());
                    }
                }
            }
        }
        int best = EmbedReport.best(results);
        try {
            if (out != null) {
                writeEmbedding(results.get(best));
            }
            if (saveParams != null) {
                ParameterFile.write(saveParams, loaded.descriptor(), results.get(best).theta());
            }
            if (plot != null) {
                EmbedPlot.write(plot, g.name() + " in " + (loaded != null ? loaded.name() : space) + ", seed "
                        + seeds.get(best), g.paths().graph(), results.get(best), loaded, space);
            }
        } catch (IOException e) {
            io.err().println("geo embed: cannot write " + e.getMessage());
            return ExitCodes.RUNTIME_FAILURE;
        } catch (PlotException e) {
            io.err().println("geo embed: --plot: " + e.getMessage());
            return e.isUsage() ? ExitCodes.USAGE : ExitCodes.RUNTIME_FAILURE;
        }
        String rowName = loaded != null ? loaded.name() + (base != null ? " on " + base
                + " (ours: learned metric on a closed-form base)" : "") : space;
        if (json) {
            io.out().println(Json.writePretty(EmbedReport.json(g, spaceName, rowName, d, loss, scale ? scaleMode : "none",
                    optimiser, seeds, results)));
        } else if (row) {
            io.out().println(EmbedReport.row(g, rowName, d, results));
        } else if (results.size() > 1) {
            io.out().println(EmbedReport.summary(results));
        }
        for (int k = 0; k < results.size(); k++) {
            if (results.get(k).status() == TrainingStatus.FAILED) {
                io.err().println("geo embed: seed " + seeds.get(k) + ": " + results.get(k).message());
                return ExitCodes.RUNTIME_FAILURE;
            }
        }
        return ExitCodes.OK;
    }

    private void writeEmbedding(TrainingResult r) throws IOException {
        StringBuilder csv = new StringBuilder("node");
        double[][] x = r.positions();
        for (int k = 0; k < x[0].length; k++) {
            csv.append(",x").append(k);
        }
        csv.append('\n');
        for (int i = 0; i < x.length; i++) {
            csv.append(i);
            for (double xi : x[i]) {
                csv.append(',').append(xi);
            }
            csv.append('\n');
        }
        Files.writeString(out, csv);
    }
}
