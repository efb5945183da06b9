package geo.cli.learn.population;

import geo.cli.common.ExitCodes;
import geo.cli.common.Io;
import geo.cli.common.UsageException;
import geo.cli.common.figure.PlotException;
import geo.cli.options.ModelOptions;
import geo.cli.options.ThreadsOption;
import geo.runtime.api.Json;
import geo.runtime.learn.Execution;
import geo.runtime.learn.population.Alignment;
import geo.runtime.learn.population.Box;
import geo.runtime.learn.population.Field;
import geo.runtime.learn.population.LagrangianOt;
import geo.runtime.learn.population.Scarvelis;
import geo.runtime.learn.population.SnapshotException;
import geo.runtime.learn.population.Snapshots;
import geo.runtime.load.Model;
import geo.runtime.load.ModelLoadException;
import geo.runtime.load.ModelSet;
import geo.runtime.load.ParameterFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code geo learn-metric}: learns a planar metric from population snapshots by the Lagrangian-OT
 * method ({@link LagrangianOt}; exact discrete OT in place of the neural dual) or by Scarvelis &amp;
 * Solomon's alternating scheme ({@link Scarvelis}), then scores it against a true metric and draws it.
 */
@Command(name = "learn-metric", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Learn a metric under which consecutive population snapshots are close in optimal transport "
                + "(t,x0,x1[,family] CSV, as 'geo snapshots' writes). --method lagrangian: Pooladian et al. 2024, the "
                + "metric's theta minimising the mean transport cost between consecutive snapshots, with an exact "
                + "discrete OT (assignment) on subsamples in place of the paper's neural dual. --method scarvelis: "
                + "Scarvelis & Solomon 2023, dual potentials with a gradient penalty and a co-metric network, "
                + "alternated, each from a fresh start."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:learned", "64:usage error or bad data (a snapshot with no successor, a snapshot of one "
                + "point, points or a true model of another dimension)", "65:a model has compile errors",
            "70:training failed (a non-finite cost or gradient), or a file could not be written"})
public final class LearnMetricCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SNAPSHOTS.csv", description = "The snapshots (t,x0,x1[,family]).")
    Path data;

    @Option(names = "--model", required = true, paramLabel = "M.geo",
            description = "lagrangian: a planar metric manifold; scarvelis: a file with fns phi(p[2]), gradphi(p[2]), "
                    + "cometric(p[2]) and a manifold whose metric is inv(cometric(x)) (examples/snapshots).")
    Path modelPath;

    @Option(names = "--method", required = true, paramLabel = "lagrangian|scarvelis", description = "The method.")
    String method;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + Execution.SEED,
            description = "The seed (initial parameters, subsamples) (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "" + LagrangianOt.Options.STEPS,
            description = "lagrangian: metric steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "" + LagrangianOt.Options.BATCH,
            description = "lagrangian: points drawn from each snapshot for a plan, the whole snapshot when at least "
                    + "its size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--plan-every", paramLabel = "N", defaultValue = "" + LagrangianOt.Options.PLAN_EVERY,
            description = "lagrangian: metric steps between plan computations (default: ${DEFAULT-VALUE}).")
    int planEvery;

    @Option(names = "--lr-schedule", paramLabel = "constant|cosine", defaultValue = LagrangianOt.Options.SCHEDULE_NAME,
            description = "lagrangian: the learning rate over the steps, the paper's constant 5e-3 or a cosine decay from "
                    + "it to 0 (default: ${DEFAULT-VALUE}).")
    String lrSchedule;

    @Option(names = "--average-tail", paramLabel = "A", defaultValue = "" + LagrangianOt.Options.AVERAGE_TAIL,
            description = "lagrangian: the result is the mean of the iterates of the last fraction A (0 <= A < 1) of "
                    + "the steps; 0: the last iterate (default: ${DEFAULT-VALUE}).")
    double averageTail;

    @Option(names = "--recipe", paramLabel = "circle|mass-splitting|x-paths", defaultValue = "circle",
            description = "scarvelis: the hyperparameters of this set (default: ${DEFAULT-VALUE}).")
    String recipe;

    @Option(names = "--a-epochs", paramLabel = "N",
            description = "scarvelis: iterations of each A-step (default: the recipe's, 20000 / 6000 / 20000).")
    Integer aEpochs;

    @Option(names = "--alternations", paramLabel = "N",
            description = "scarvelis: (φ-step, A-step) alternations (default: the recipe's, 1 / 3 / 2).")
    Integer alternations;

    @Option(names = "--a-weight-decay", paramLabel = "D",
            description = "scarvelis: AdamW's weight decay in the A-steps (default: the recipe's, that of its φ-steps).")
    Double aWeightDecay;

    @Option(names = "--lambda", paramLabel = "L", description = "scarvelis: the Frobenius regulariser (default: the recipe's).")
    Double lambda;

    @Option(names = "--gp-phi-initial", paramLabel = "G",
            description = "scarvelis: γ_φ, the gradient penalty's weight, of the first φ-step (default: the recipe's,"
                    + " 1e-3 / 2 / 1e-2).")
    Double gpPhiInitial;

    @Option(names = "--save-params", paramLabel = "FILE.json", description = "Write the learned parameters by name.")
    Path saveParams;

    @Option(names = "--truth", paramLabel = "T.geo", description = "A true metric to score against (needs --box).")
    Path truthPath;

    @Option(names = "--box", paramLabel = "xmin,xmax,ymin,ymax", description = "The box of the score and the plot.")
    String box;

    @Option(names = "--plot", paramLabel = "FILE.png|FILE.svg",
            description = "Draw the data (lighter = later) and the learned cheap directions beside the true ones (needs --box).")
    Path plot;

    @Option(names = "--json", description = "Print a JSON report instead of text.")
    boolean json;

    @Mixin
    ThreadsOption threads;

    private final Io io;

    public LearnMetricCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        try {
            if (!method.equals("lagrangian") && !method.equals("scarvelis")) {
                throw new UsageException("unknown --method '" + method + "'; use lagrangian or scarvelis");
            }
            if ((truthPath != null || plot != null) && box == null) {
                throw new UsageException((truthPath != null ? "--truth" : "--plot") + " needs --box xmin,xmax,ymin,ymax");
            }
            Box b = box == null ? null : PopulationModels.box(box);
            if (plot != null) {
                DirectionPlot.check(plot);
            }
            for (Path out : new Path[] {saveParams, plot}) {
                Path dir = out == null ? null : out.toAbsolutePath().getParent();
                if (dir != null && !Files.isDirectory(dir)) {
                    throw new UsageException("cannot write " + out + ": no such directory " + dir);
                }
            }
            Snapshots snapshots = PopulationModels.read(data);
            ModelSet set = ModelOptions.loadSet(io, modelPath);
            if (set == null) {
                return ExitCodes.COMPILE_ERROR;
            }
            Model model = ModelOptions.load(io, modelPath, null);
            PopulationModels.requirePlanarMetric(model, modelPath, "the model");
            try {
                snapshots.requireDimension(model.dimension(), "the model " + model.name());
            } catch (SnapshotException e) {
                throw new UsageException(data + ": " + e.getMessage().substring("snapshots: ".length()));
            }
            Model truth = null;
            if (truthPath != null) {
                truth = ModelOptions.load(io, truthPath, null);
                if (truth == null) {
                    return ExitCodes.COMPILE_ERROR;
                }
                PopulationModels.sameDimension(model, truth, truthPath);
                PopulationModels.requirePlanarMetric(truth, truthPath, "the true model");
            }
            Execution execution = Execution.DEFAULTS.withSeed(seed).withThreads(threads.workers());
            long t0 = System.nanoTime();
            double[] theta;
            String failure;
            String substitute;
            Map<String, Object> settings = new LinkedHashMap<>();
            Map<String, Object> diagnostics = new LinkedHashMap<>();
            if (method.equals("lagrangian")) {
                LagrangianOt.Options o;
                LagrangianOt.Schedule schedule;
                try {
                    schedule = LagrangianOt.Schedule.of(lrSchedule);
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--lr-schedule: " + e.getMessage());
                }
                if (!(averageTail >= 0 && averageTail < 1)) {
                    throw new UsageException("--average-tail must be at least 0 and below 1, got " + averageTail);
                }
                try {
                    o = new LagrangianOt.Options(steps, LagrangianOt.Options.LEARNING_RATE,
                            LagrangianOt.Options.WEIGHT_DECAY, batch, planEvery, LagrangianOt.Options.DEFAULTS.pathPoints(),
                            schedule, averageTail, execution);
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
                int largest = snapshots.merged().pairs().stream()
                        .mapToInt(pr -> Math.max(pr.source().length, pr.target().length)).max().orElse(0);
                substitute = "exact discrete OT (assignment) between "
                        + (batch >= largest ? "whole consecutive snapshots"
                                : batch + "-point subsamples of consecutive snapshots")
                        + ", replanned every " + planEvery + " steps, in place of the neural dual";
                settings.put("steps", steps);
                settings.put("batch", batch);
                settings.put("planEvery", planEvery);
                settings.put("lrSchedule", lrSchedule);
                settings.put("averageTail", averageTail);
                LagrangianOt.Result r = LagrangianOt.train(model, snapshots, o, (s, l) -> {
                    if (!json) {
                        io.out().printf(Locale.ROOT, "step %5d  mean OT cost %.6g%n", s, l);
                    }
                });
                theta = r.theta();
                failure = r.status() == LagrangianOt.Status.DONE ? null : r.message();
            } else {
                Field f = PopulationModels.field(recipe);
                Scarvelis.Recipe rec = Scarvelis.Recipe.of(f);
                if (aEpochs != null) {
                    rec = rec.withAEpochs(aEpochs);
                }
                if (lambda != null) {
                    rec = rec.withLambda(lambda);
                }
                if (gpPhiInitial != null) {
                    if (!(gpPhiInitial >= 0 && Double.isFinite(gpPhiInitial))) {
                        throw new UsageException("--gp-phi-initial must be finite and at least 0, got " + gpPhiInitial);
                    }
                    rec = rec.withGpPhiInitial(gpPhiInitial);
                }
                if (aWeightDecay != null) {
                    if (!(aWeightDecay >= 0 && Double.isFinite(aWeightDecay))) {
                        throw new UsageException("--a-weight-decay must be finite and at least 0, got " + aWeightDecay);
                    }
                    rec = rec.withAWeightDecay(aWeightDecay);
                }
                if (alternations != null) {
                    if (alternations < 1) {
                        throw new UsageException("--alternations must be at least 1, got " + alternations);
                    }
                    rec = rec.withSteps(alternations);
                }
                Scarvelis.Kernels kernels;
                try {
                    kernels = Scarvelis.Kernels.of(set.function("phi").function(), set.function("gradphi").function(),
                            set.function("cometric").function(), model.defaultParameters());
                } catch (ModelLoadException | IllegalArgumentException e) {
                    throw new UsageException(modelPath + ": " + e.getMessage());
                }
                substitute = "none (Scarvelis & Solomon's own dual potentials)";
                settings.put("recipe", f.label());
                settings.put("aEpochs", rec.aEpochs());
                settings.put("lambda", rec.lambda());
                settings.put("gpPhiInitial", rec.gpPhiInitial());
                settings.put("alternations", rec.steps());
                settings.put("aWeightDecay", rec.aWeightDecay());
                Scarvelis.Result r = Scarvelis.train(kernels, model::initialParameters, snapshots,
                        rec, execution, (w, s, l) -> {
                            if (!json) {
                                io.out().printf(Locale.ROOT, "step %d  %s-loss %.6g%n", s, w, l);
                            }
                        });
                theta = r.theta();
                failure = r.status() == Scarvelis.Status.DONE ? null : r.message();
                // per alternation: the potentials' gradient size and the learned A's scale (a collapse of
                // RᵀR to 0 leaves A at its 10⁻³I floor, with eigenvectors that carry no information)
                diagnostics.put("meanGradPhi", java.util.Arrays.stream(r.gradNorm()).boxed().toList());
                diagnostics.put("medianLargestEigenvalueA", java.util.Arrays.stream(r.aScale()).boxed().toList());
                if (!json) {
                    for (int s = 0; s < r.aScale().length; s++) {
                        io.out().printf(Locale.ROOT, "alternation %d  mean |grad phi| %.4g  median largest eigenvalue of A %.4g%n",
                                s, r.gradNorm()[s], r.aScale()[s]);
                    }
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Double alignment = null;
            if (truth != null) {
                Alignment.Result a = Alignment.score(model.metric(), theta, truth.metric(), truth.defaultParameters(), b);
                if (!a.ok()) {
                    io.err().println("geo learn-metric: " + a.detail());
                    return ExitCodes.RUNTIME_FAILURE;
                }
                alignment = a.score();
            }
            try {
                if (saveParams != null) {
                    ParameterFile.write(saveParams, model.descriptor(), theta);
                }
                if (plot != null) {
                    String caption = String.format(Locale.ROOT, "%s, seed %d%s", method, seed,
                            alignment == null ? "" : String.format(Locale.ROOT, ", alignment %.4f", alignment));
                    DirectionPlot.write(plot, "geo learn-metric: " + data.getFileName(), caption, snapshots, b,
                            model.metric(), theta, truth == null ? null : truth.metric(),
                            truth == null ? null : truth.defaultParameters());
                }
            } catch (IOException e) {
                io.err().println("geo learn-metric: cannot write " + e.getMessage());
                return ExitCodes.RUNTIME_FAILURE;
            } catch (PlotException e) {
                io.err().println("geo learn-metric: --plot: " + e.getMessage());
                return e.isUsage() ? ExitCodes.USAGE : ExitCodes.RUNTIME_FAILURE;
            }
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("method", method);
                out.put("model", model.name());
                out.put("seed", seed);
                out.put("status", failure == null ? "done" : "failed");
                out.put("ot", substitute);
                out.put("settings", settings);
                out.put("seconds", seconds);
                if (!diagnostics.isEmpty()) {
                    out.put("diagnostics", diagnostics);
                }
                if (alignment != null) {
                    out.put("alignment", alignment);
                }
                io.out().println(Json.writePretty(out));
            } else {
                io.out().printf(Locale.ROOT, "%s on %s: %s in %.1f s%n", method, data.getFileName(),
                        failure == null ? "done" : "failed", seconds);
                io.out().println("OT: " + substitute);
                if (alignment != null) {
                    io.out().printf(Locale.ROOT, "alignment %.4f (against %s on [%s])%n", alignment, truth.name(), b);
                }
                if (saveParams != null) {
                    io.out().println("parameters written to " + saveParams);
                }
            }
            if (failure != null) {
                io.err().println("geo learn-metric: " + failure);
                return ExitCodes.RUNTIME_FAILURE;
            }
            return ExitCodes.OK;
        } catch (UsageException e) {
            io.err().println("geo learn-metric: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
