package geo.cli.learn.lagrangian;

import geo.cli.common.ExitCodes;
import geo.cli.common.Io;
import geo.cli.common.UsageException;
import geo.cli.common.figure.FigureWriter;
import geo.cli.common.figure.PlotException;
import geo.cli.options.ModelOptions;
import geo.runtime.api.FunctionKernels;
import geo.runtime.api.ModelDescriptor;
import geo.runtime.learn.lagrangian.AmortisationBenchmark;
import geo.runtime.learn.lagrangian.AmortiserDistillation;
import geo.runtime.learn.lagrangian.AmortiserFit;
import geo.runtime.learn.lagrangian.Evaluation;
import geo.runtime.learn.lagrangian.LagrangianOt;
import geo.runtime.learn.lagrangian.Networks;
import geo.runtime.learn.lagrangian.PathSolver;
import geo.runtime.learn.lagrangian.Task;
import geo.runtime.load.Model;
import geo.runtime.load.ModelLoadException;
import geo.runtime.load.ModelSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code geo lot}: trains the neural Lagrangian OT of Pooladian et al. 2024 on one task
 * ({@link LagrangianOt}) — or loads trained parameters — then scores held-out sources pushed by
 * the map T (a compiled fn: no solve) with the amortised paths (a compiled fn), by T with refined
 * paths and by the c-transform from T(x), the paper's evaluation push ({@link Evaluation.Push}),
 * and optionally runs the exact discrete baseline and the amortisation benchmark
 * ({@link AmortisationBenchmark}).
 */
@Command(name = "lot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Neural optimal transport with Lagrangian costs around obstacles (Pooladian et al. 2024): train "
                + "a dual potential g, a transport map T and a path amortiser (fns of .geo files) on a task, push "
                + "held-out sources, score the map against exact discrete OT and draw the paths."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:trained and evaluated", "64:usage error (an unknown task, a model without the parameters "
                + "M and tau, nets of the wrong shapes, a bad --load directory)", "65:a model has compile errors",
            "70:the training diverged (a non-finite parameter), the assignment failed or a file could not be written"})
public final class LotCommand implements Callable<Integer> {

    @Option(names = "--task", required = true, paramLabel = "TASK",
            description = "box, slit, hill, well (NLSB obstacles) or gmm, vneck, stunnel (GSB).")
    String taskName;

    @Option(names = "--model", required = true, paramLabel = "L.geo",
            description = "The task's Lagrangian, with parameters M (and tau for box, slit and the GSB tasks), e.g. "
                    + "examples/lagrangian-ot/box.geo.")
    Path model;

    @Option(names = "--nets", required = true, paramLabel = "NETS.geo",
            description = "fn g(y[2]) (scalar) and fn T(x[2]) (2 values), e.g. examples/lagrangian-ot/nets.geo.")
    Path nets;

    @Option(names = "--amortiser", required = true, paramLabel = "A.geo",
            description = "fn path(x[2], y[2]) with 36 values (the 18 interior points of a 20-point path, added "
                    + "to the straight line), e.g. examples/lagrangian-ot/amortiser.geo; or 36 K values, K heads "
                    + "(multiple hypotheses, head h added to the straight line bent by its own anchor arc; only "
                    + "with --load DIR --fresh-amortiser --amortiser-fit N, e.g. amortiser-heads.geo).")
    Path amortiser;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of initial values, batches and evaluation "
            + "samples (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--steps", paramLabel = "N", description = "Training steps (default: "
            + LotDefaults.STEPS + ").")
    Integer steps;

    @Option(names = "--anneal", paramLabel = "N", description = "Annealing length of M and tau in steps (default: "
            + LotDefaults.ANNEAL + ").")
    Integer anneal;

    @Option(names = "--batch", paramLabel = "N", description = "Points per step (default: " + LotDefaults.BATCH
            + ").")
    Integer batch;

    @Option(names = "--subdivisions", paramLabel = "M", description = "Potential samples per path segment along "
            + "the spline through the 20 points, in every action (training, paths, baseline); 1 is the paper's "
            + "20-point action, which steps over thin walls (default: " + LotDefaults.SUBDIVISIONS + ").")
    Integer subdivisions;

    @Option(names = "--eval", paramLabel = "N", defaultValue = "128",
            description = "Held-out points per side for the scores (default: ${DEFAULT-VALUE}).")
    int evalSize;

    @Option(names = "--pairs", paramLabel = "N", defaultValue = "0",
            description = "New (x, y) pairs for the amortisation benchmark; 0 skips it (default: ${DEFAULT-VALUE}).")
    int pairs;

    @Option(names = "--model-gap", paramLabel = "X", description = "With --pairs: the amortised paths' refinement "
            + "also stops a pair when its L-BFGS model predicts a relative action gap of at most X (a local model, "
            + "not a bound; the benchmark checks every pair against the reference); 0: the gradient tolerance only "
            + "(default: " + AmortisationBenchmark.MODEL_GAP + ").")
    Double modelGap;

    @Option(names = "--decrement-gap", paramLabel = "X", description = "With --pairs: the amortised paths' "
            + "refinement (and the lockstep solves from the straight lines) also stops a pair at the first accepted "
            + "point whose kinetic decrement 1/2 |dS/dw|^2 / S is at most X (an estimate of the relative gap left: a "
            + "bound where the potential is convex, an overestimate at steep walls; the benchmark checks every pair "
            + "against the reference); 0: off (default: " + AmortisationBenchmark.DECREMENT_GAP + ").")
    Double decrementGap;

    @Option(names = "--skip-newton", description = "With --pairs: skip the benchmark's Newton side (session 11: "
            + "exact Hessians do not pay here).")
    boolean skipNewton;

    @Option(names = "--amortiser-fit", paramLabel = "N", description = "With --pairs: Adam steps of the amortiser's "
            + "fit for new pairs (64 fresh source-target pairs a step, at the final M and tau, regression onto the "
            + "kinetic-Newton step of each predicted path) after the scores and before the benchmark; 0 skips it; "
            + "with --load, a saved theta-amortiser-fit.json is that fit unless N is given (default: "
            + LotDefaults.AMORTISER_FIT + ").")
    Integer amortiserFit;

    @Option(names = "--amortiser-targets", paramLabel = "N", description = "With --amortiser-fit: fit the amortiser "
            + "instead by regression on N solved minimal paths (fresh source-target pairs, each the lowest of the "
            + "straight-line and four arc starts, solved tightly), the --amortiser-fit steps being the regression's "
            + "(default: 0, the action-gap fit).")
    Integer amortiserTargets;

    @Option(names = "--amortiser-loss", paramLabel = "mse|kinetic", description = "With --amortiser-targets: the "
            + "regression's error, mse (1/2 |q - q*|^2) or kinetic (1/2 (q - q*)^T (K x I)(q - q*), K = "
            + "tridiag(-1, 2, -1), the kinetic part of the action gap) (default: kinetic).")
    String amortiserLoss;

    @Option(names = "--amortiser-fine-tune", paramLabel = "M", description = "With --amortiser-targets: M steps of "
            + "the action-gap fit after the regression (default: 0).")
    Integer amortiserFineTune;

    @Option(names = "--fresh-amortiser", description = "With --load: the amortiser starts from its initial values "
            + "(LeCun normal matrices, zero biases, drawn with the seed) instead of DIR's theta-amortiser.json, so an "
            + "amortiser of another size can be fitted (--amortiser-fit) and benchmarked with DIR's dual networks.")
    boolean freshAmortiser;

    @Option(names = "--baseline", description = "Also run the exact discrete baseline (eval x eval path solves).")
    boolean baseline;

    @Option(names = "--load", paramLabel = "DIR", description = "Skip training: read theta-dual.json and "
            + "theta-amortiser.json from DIR (written by --out).")
    Path load;

    @Option(names = "--out", paramLabel = "DIR", description = "Write theta-dual.json, theta-amortiser.json (as "
            + "trained), theta-amortiser-fit.json (after --amortiser-fit), pushed.csv (x0,x1,Tx0,Tx1), paths.csv "
            + "(source,k,x0,x1) and, with --baseline, baseline-paths.csv.")
    Path out;

    @Option(names = "--plot", paramLabel = "FILE.png|FILE.svg", description = "Draw samples, pushed points and "
            + "paths over the potential; with --baseline also FILE-baseline.png.")
    Path plot;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    private final Io io;

    public LotCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        try {
            return run();
        } catch (UsageException e) {
            io.err().println("geo lot: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (PlotException e) {
            io.err().println("geo lot: --plot: " + e.getMessage());
            return ExitCodes.RUNTIME_FAILURE;
        } catch (IOException e) {
            io.err().println("geo lot: " + e.getMessage());
            return ExitCodes.RUNTIME_FAILURE;
        }
    }

    private int run() throws UsageException, PlotException, IOException {
        Task task = Task.byId(taskName);
        if (task == null) {
            throw new UsageException("unknown --task '" + taskName + "'; use box, slit, hill, well, gmm, vneck or "
                    + "stunnel");
        }
        if (evalSize < 2 || pairs < 0 || (amortiserFit != null && amortiserFit < 0)) {
            throw new UsageException("--eval must be at least 2, --pairs and --amortiser-fit at least 0");
        }
        if ((amortiserTargets != null || amortiserLoss != null || amortiserFineTune != null)
                && (pairs == 0 || amortiserFit == null || amortiserFit == 0)) {
            throw new UsageException("--amortiser-targets, --amortiser-loss and --amortiser-fine-tune need --pairs N "
                    + "and --amortiser-fit N with N > 0");
        }
        if ((amortiserTargets != null && amortiserTargets < 1) || (amortiserFineTune != null && amortiserFineTune < 0)
                || ((amortiserLoss != null || amortiserFineTune != null) && amortiserTargets == null)) {
            throw new UsageException("--amortiser-targets must be at least 1, --amortiser-fine-tune at least 0, and "
                    + "--amortiser-loss and --amortiser-fine-tune need --amortiser-targets");
        }
        AmortiserFit.Options fitOptions = AmortiserFit.Options.DEFAULTS;
        if (amortiserTargets != null) {
            AmortiserDistillation.Loss loss;
            try {
                loss = AmortiserDistillation.Loss.valueOf((amortiserLoss == null ? "kinetic" : amortiserLoss)
                        .toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--amortiser-loss must be mse or kinetic, got '" + amortiserLoss + "'");
            }
            fitOptions = fitOptions.withTargets(amortiserTargets, loss,
                    amortiserFineTune == null ? 0 : amortiserFineTune);
        }
        if (freshAmortiser && (load == null || amortiserFit == null || amortiserFit == 0)) {
            throw new UsageException("--fresh-amortiser needs --load and --amortiser-fit N with N > 0");
        }
        if (modelGap != null && !(modelGap >= 0 && modelGap < 1)) {
            throw new UsageException("--model-gap must be in [0, 1), got " + modelGap);
        }
        if (decrementGap != null && !(decrementGap >= 0 && decrementGap < 1)) {
            throw new UsageException("--decrement-gap must be in [0, 1), got " + decrementGap);
        }
        if (plot != null) {
            try {
                FigureWriter.check(plot);
            } catch (PlotException e) {
                throw new UsageException("--plot: " + e.getMessage());
            }
        }
        LagrangianOt.Options options = LotDefaults.options(steps, anneal, batch, seed);
        Model lagrangian = ModelOptions.load(io, model, null);
        if (lagrangian == null) {
            return ExitCodes.COMPILE_ERROR;
        }
        if (!lagrangian.descriptor().kernels().contains("lagrangian") || lagrangian.dimension() != 2) {
            throw new UsageException(model + ": " + lagrangian.name() + " must be a Lagrangian on 2 coordinates");
        }
        int mSlot = slot(lagrangian.descriptor(), "M", true);
        int tauSlot = slot(lagrangian.descriptor(), "tau", task.hasTemperature());
        double[] theta0 = lagrangian.defaultParameters();
        LagrangianOt.LagrangianTheta schedule = step -> {
            double[] th = theta0.clone();
            th[mSlot] = task.magnitude(step, options.annealSteps());
            if (tauSlot >= 0) {
                th[tauSlot] = task.temperature(step, options.annealSteps());
            }
            return th;
        };
        double[] finalTheta = schedule.at(options.annealSteps());
        ModelSet netSet = ModelOptions.loadSet(io, nets);
        ModelSet amSet = ModelOptions.loadSet(io, amortiser);
        if (netSet == null || amSet == null) {
            return ExitCodes.COMPILE_ERROR;
        }
        FunctionKernels g = function(netSet, nets, "g");
        FunctionKernels tMap = function(netSet, nets, "T");
        FunctionKernels a = function(amSet, amortiser, "path");
        SplittableRandom init = new SplittableRandom(seed);
        double[] dualTheta;
        double[] amTheta;
        if (load != null) {
            dualTheta = ThetaFiles.read(load.resolve(ThetaFiles.DUAL), g.descriptor());
            amTheta = freshAmortiser ? Networks.lecunInit(a.descriptor(), init)
                    : ThetaFiles.read(load.resolve(ThetaFiles.AMORTISER), a.descriptor());
        } else {
            dualTheta = Networks.lecunInit(g.descriptor(), init);
            amTheta = Networks.lecunInit(a.descriptor(), init);
        }
        Networks networks;
        try {
            networks = new Networks(g, tMap, a, dualTheta, amTheta);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        int m = subdivisions == null ? LotDefaults.SUBDIVISIONS : subdivisions;
        if (m < 1) {
            throw new UsageException("--subdivisions must be at least 1");
        }
        PathSolver.Options paths = PathSolver.Options.DEFAULTS.withSubdivisions(m);
        int heads;
        try {
            heads = networks.heads(paths.samples());
        } catch (IllegalArgumentException e) {
            throw new UsageException(amortiser + ": " + e.getMessage());
        }
        if (heads > 1 && load == null) {
            throw new UsageException(amortiser + ": an amortiser of " + heads + " heads is fitted and benchmarked from "
                    + "saved networks only (--load DIR with --fresh-amortiser --amortiser-fit N, or a DIR written so); "
                    + "training uses one head");
        }
        LagrangianOt trainer = null;
        if (load == null) {
            try {
                trainer = new LagrangianOt(task, lagrangian.lagrangian(), schedule, networks, options, paths);
            } catch (IllegalArgumentException e) {
                throw new UsageException(amortiser + ": " + e.getMessage());
            }
        }
        LotReport report = new LotReport(io, json, task, options, load != null, m);
        long t0 = System.nanoTime();
        if (load == null) {
            trainer.train(report::step, Math.max(1, options.steps() / 10));
        }
        double trainSeconds = (System.nanoTime() - t0) * 1e-9;
        for (double v : dualTheta) {
            if (!Double.isFinite(v)) {
                report.diverged();
                return ExitCodes.RUNTIME_FAILURE;
            }
        }
        // Held-out samples: a stream of their own, the same for every method of a seed.
        SplittableRandom held = new SplittableRandom(1_000_003L * (seed + 1));
        double[][] xs = task.sources(held, evalSize);
        double[][] ys = task.targets(held, evalSize);
        double[][] train = task.targets(held, evalSize);
        double[][][] learnedPaths = new double[evalSize][][];
        double[][] pushed = new double[evalSize][];
        Evaluation.Scores amortised = Evaluation.learned(task, lagrangian.lagrangian(), finalTheta, paths, networks, xs,
                ys, Evaluation.Push.AMORTISED, null, null);
        Evaluation.Scores map = Evaluation.learned(task, lagrangian.lagrangian(), finalTheta, paths, networks, xs,
                ys, Evaluation.Push.MAP, null, null);
        Evaluation.Scores learned = Evaluation.learned(task, lagrangian.lagrangian(), finalTheta, paths, networks, xs,
                ys, Evaluation.Push.C_TRANSFORM, learnedPaths, pushed);
        Evaluation.Scores global = Evaluation.learned(task, lagrangian.lagrangian(), finalTheta, paths, networks, xs,
                ys, Evaluation.Push.C_TRANSFORM_GLOBAL, null, null);
        report.learned(trainSeconds, amortised, map, learned, global);
        Evaluation.Scores base = null;
        double[][][] basePaths = new double[evalSize][][];
        double[][] basePushed = new double[evalSize][];
        if (baseline) {
            base = Evaluation.baseline(task, lagrangian.lagrangian(), finalTheta, paths, xs, train, ys, basePaths,
                    basePushed);
            report.baseline(base);
        }
        double[] trained = null;
        boolean fitted = false;
        if (pairs > 0) {
            double[][] px = task.sources(held, pairs);
            double[][] py = task.targets(held, pairs);
            trained = amTheta.clone();
            Path saved = load == null ? null : load.resolve(ThetaFiles.AMORTISER_FIT);
            if (amortiserFit == null && saved != null && Files.isRegularFile(saved)) {
                // The fit is deterministic for the seed: a loaded directory's fitted amortiser is that fit.
                System.arraycopy(ThetaFiles.read(saved, a.descriptor()), 0, amTheta, 0, amTheta.length);
                fitted = true;
            } else {
                int fitSteps = amortiserFit == null ? LotDefaults.AMORTISER_FIT : amortiserFit;
                if (fitSteps > 0) {
                    report.amortiserFit(AmortiserFit.run(task, lagrangian.lagrangian(), finalTheta, paths, networks,
                            fitOptions.withSteps(fitSteps), seed));
                    fitted = true;
                }
            }
            AmortisationBenchmark.Settings bench = AmortisationBenchmark.Settings.DEFAULTS
                    .withModelGap(modelGap == null ? AmortisationBenchmark.MODEL_GAP : modelGap)
                    .withDecrementGap(decrementGap == null ? AmortisationBenchmark.DECREMENT_GAP : decrementGap)
                    .withNewton(!skipNewton);
            report.amortisation(AmortisationBenchmark.run(task, lagrangian.lagrangian(), finalTheta, paths, networks, px, py,
                    bench), heads);
        }
        if (out != null) {
            Files.createDirectories(out);
            ThetaFiles.write(out.resolve(ThetaFiles.DUAL), g.descriptor(), dualTheta);
            ThetaFiles.write(out.resolve(ThetaFiles.AMORTISER), a.descriptor(), trained == null ? amTheta : trained);
            if (fitted) {
                ThetaFiles.write(out.resolve(ThetaFiles.AMORTISER_FIT), a.descriptor(), amTheta);
            }
            ThetaFiles.writePushed(out.resolve("pushed.csv"), xs, pushed);
            ThetaFiles.writePaths(out.resolve("paths.csv"), learnedPaths);
            if (base != null) {
                ThetaFiles.writePaths(out.resolve("baseline-paths.csv"), basePaths);
            }
        }
        if (plot != null) {
            LotPlot.write(plot, task, lagrangian, finalTheta, xs, ys, pushed, learnedPaths,
                    String.format(Locale.ROOT, "learned: c-transform from T(x), best refined paths; W2^2 %.4g, cost %.4g, "
                            + "crossing %.1f%%", learned.marginalError(), learned.cost(), 100 * learned.crossing()));
            if (base != null) {
                String name = plot.getFileName().toString();
                int dot = name.lastIndexOf('.');
                Path p = plot.resolveSibling(name.substring(0, dot) + "-baseline" + name.substring(dot));
                LotPlot.write(p, task, lagrangian, finalTheta, xs, ys, basePushed, basePaths,
                        String.format(Locale.ROOT, "exact discrete OT baseline; W2^2 %.4g, cost %.4g, crossing %.1f%%",
                                base.marginalError(), base.cost(), 100 * base.crossing()));
            }
        }
        report.finish();
        boolean failed = learned.status() == Evaluation.Status.ASSIGNMENT_FAILED
                || (base != null && base.status() == Evaluation.Status.ASSIGNMENT_FAILED);
        return failed ? ExitCodes.RUNTIME_FAILURE : ExitCodes.OK;
    }

    private static int slot(ModelDescriptor d, String name, boolean required) throws UsageException {
        for (ModelDescriptor.Parameter p : d.parameters()) {
            if (p.name().equals(name) && p.size() == 1) {
                return p.offset();
            }
        }
        if (required) {
            throw new UsageException(d.name() + " needs a scalar parameter '" + name + "' (annealed during training)");
        }
        return -1;
    }

    private static FunctionKernels function(ModelSet set, Path file, String name) throws UsageException {
        try {
            return set.function(name).function();
        } catch (ModelLoadException e) {
            throw new UsageException(file + ": " + e.getMessage());
        }
    }

    /** The picocli defaults, from {@link LagrangianOt.Options#DEFAULTS}. */
    static final class LotDefaults {
        static final int STEPS = LagrangianOt.Options.STEPS;
        static final int ANNEAL = LagrangianOt.Options.ANNEAL_STEPS;
        static final int BATCH = LagrangianOt.Options.BATCH;
        static final int SUBDIVISIONS = PathSolver.Options.SUBDIVISIONS;
        static final int AMORTISER_FIT = AmortiserFit.Options.STEPS;

        private LotDefaults() {
        }

        static LagrangianOt.Options options(Integer steps, Integer anneal, Integer batch, long seed)
                throws UsageException {
            LagrangianOt.Options o = LagrangianOt.Options.DEFAULTS.withSeed(seed);
            int s = steps == null ? o.steps() : steps;
            int a = anneal == null ? Math.min(o.annealSteps(), s) : anneal;
            if (s < 1 || a < 1 || (batch != null && batch < 1)) {
                throw new UsageException("--steps, --anneal and --batch must be at least 1");
            }
            o = o.withSteps(s, a);
            return batch == null ? o : o.withBatch(batch);
        }
    }
}
