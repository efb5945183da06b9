package geo.cli.learn.taskmet;

import geo.cli.common.ExitCodes;
import geo.cli.common.Io;
import geo.cli.common.Progress;
import geo.cli.common.UsageException;
import geo.cli.common.figure.FigureWriter;
import geo.cli.common.figure.PlotException;
import geo.compiler.source.SourceFile;
import geo.runtime.api.Json;
import geo.runtime.data.table.CsvTables;
import geo.runtime.data.table.DataFormatException;
import geo.runtime.learn.taskmet.BudgetAllocation;
import geo.runtime.learn.taskmet.CubicTopK;
import geo.runtime.learn.taskmet.Method;
import geo.runtime.learn.taskmet.Networks;
import geo.runtime.learn.taskmet.Portfolio;
import geo.runtime.learn.taskmet.Problem;
import geo.runtime.learn.taskmet.Split;
import geo.runtime.learn.taskmet.TaskMetOptions;
import geo.runtime.learn.taskmet.TaskMetProfile;
import geo.runtime.learn.taskmet.TaskMetResult;
import geo.runtime.learn.taskmet.TaskMetTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code geo taskmet}: one run of MSE, DFL or TaskMet (Bansal, Chen, Mukadam &amp; Amos, NeurIPS
 * 2023) on Cubic top-k, Budget allocation or Portfolio, with the published settings
 * ({@link TaskMetOptions#of}), reporting the normalised decision quality and the test prediction
 * MSE; for Cubic, a figure of the data, the MSE fit, the trained fit and Λ(x).
 */
@Command(name = "taskmet", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a predictor for a decision problem by MSE, decision-focused learning (DFL) or TaskMet "
                + "(a prediction loss in a metric learned from the task by implicit differentiation), then report "
                + "the normalised decision quality on the test split: (DQ - DQ_rand)/(DQ_opt - DQ_rand)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:trained and tested", "64:usage error or bad data (the file and line are named)",
            "65:the --model file has compile errors", "70:a loss or gradient became NaN or infinite, or a file "
                + "could not be written"})
public final class TaskMetCommand implements Callable<Integer> {

    @Option(names = "--problem", paramLabel = "cubic|budget|portfolio", required = true,
            description = "Cubic top-k (as published), Budget allocation or Portfolio (synthetic data unless --data).")
    String problem;

    @Option(names = "--method", paramLabel = "mse|dfl|taskmet", required = true, description = "How to train.")
    String method;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
            description = "Seeds the data, the initial networks and the batches (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--iterations", paramLabel = "N",
            description = "The most outer iterations (default: the published " + TaskMetOptions.ITERATIONS + ").")
    Integer iterations;

    @Option(names = "--inner-first", paramLabel = "N",
            description = "TaskMet: inner Adam steps at outer iteration 0 (default: the published "
                    + TaskMetOptions.INNER_FIRST + "). A reduction from the paper's set-up; say so next to the numbers.")
    Integer innerFirst;

    @Option(names = "--inner", paramLabel = "N",
            description = "TaskMet: inner Adam steps at each later outer iteration, warm-started (default: the "
                    + "published " + TaskMetOptions.INNER + "). A reduction; say so next to the numbers.")
    Integer inner;

    @Option(names = "--cg-iterations", paramLabel = "N",
            description = "TaskMet: CG iterations of the implicit solve on the normal equations (default: the "
                    + "published " + TaskMetOptions.CG_ITERATIONS + "); the JSON reports the residuals left.")
    Integer cgIterations;

    @Option(names = "--dfl-alpha", paramLabel = "A",
            description = "The weight of the MSE term in DFL's loss (default: " + TaskMetOptions.DFL_ALPHA
                    + ", method/dfl.yaml).")
    Double dflAlpha;

    @Option(names = "--data", paramLabel = "FILE.csv",
            description = "Real data instead of the synthetic substitute: for budget, columns t0..t9 (one row per "
                    + "item, 5 rows per instance, the first 100 instances train); for portfolio, one column of "
                    + "adjusted closes per stock, one row per day.")
    Path data;

    @Option(names = "--model", paramLabel = "FILE.geo",
            description = "The predictor and metric (default: the bundled model of the problem): a fn predict and a "
                    + "loss pred(x, y) of one row, the metric's parameters named M1, c1, M2, c2, s.")
    Path model;

    @Option(names = "--plot", paramLabel = "FILE.png|FILE.svg",
            description = "Cubic only: draw the data, the MSE fit, this method's fit and Λ(x) (trains MSE as well).")
    Path plot;

    @Option(names = "--json", description = "Print a JSON report instead of text.")
    boolean json;

    private final Io io;

    public TaskMetCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        try {
            Method m = Method.of(method);
            if (m == null) {
                throw new UsageException("unknown --method '" + method + "'; use mse, dfl or taskmet");
            }
            if (!problem.equals("cubic") && !problem.equals("budget") && !problem.equals("portfolio")) {
                throw new UsageException("unknown --problem '" + problem + "'; use cubic, budget or portfolio");
            }
            if (plot != null) {
                if (!problem.equals("cubic")) {
                    throw new UsageException("--plot draws Cubic top-k only");
                }
                try {
                    FigureWriter.check(plot);
                } catch (PlotException e) {
                    throw new UsageException("--plot: " + e.getMessage());
                }
            }
            if (data != null && problem.equals("cubic")) {
                throw new UsageException("--data is for budget and portfolio; Cubic's data are generated as published");
            }
            TaskMetOptions options = options();
            Split split = split();
            TaskMetModels.Compiled compiled = compiled();
            if (compiled == null) {
                return ExitCodes.COMPILE_ERROR;
            }
            Networks nets;
            try {
                nets = TaskMetModels.networks(compiled, seed);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            Problem p = switch (problem) {
                case "cubic" -> new CubicTopK();
                case "budget" -> new BudgetAllocation();
                default -> new Portfolio();
            };
            TaskMetTrainer trainer;
            try {
                trainer = new TaskMetTrainer(p, split, nets, options);
            } catch (IllegalArgumentException e) {
                throw new UsageException((model != null ? model + ": " : "") + e.getMessage());
            }
            TaskMetResult r = train(trainer, m, options);
            if (plot != null) {
                TaskMetResult mse = m == Method.MSE ? r : train(trainer, Method.MSE, options);
                try {
                    CubicPlot.write(plot, split, trainer, nets, mse, m == Method.MSE ? null : r, m);
                } catch (PlotException e) {
                    io.err().println("geo taskmet: --plot: " + e.getMessage());
                    return e.isUsage() ? ExitCodes.USAGE : ExitCodes.RUNTIME_FAILURE;
                }
            }
            if (json) {
                io.out().println(Json.writePretty(json(r, options)));
            } else {
                io.out().print(text(r));
                if (plot != null) {
                    io.out().println("figure written to " + plot);
                }
            }
            if (r.status().failed()) {
                io.err().println("geo taskmet: " + r.message());
                return ExitCodes.RUNTIME_FAILURE;
            }
            return ExitCodes.OK;
        } catch (UsageException e) {
            io.err().println("geo taskmet: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    private TaskMetResult train(TaskMetTrainer trainer, Method m, TaskMetOptions options) {
        int total = options.iterations();
        try (Progress progress = Progress.start(Progress.Output.of(io, "geo taskmet"), m.key(), total)) {
            TaskMetResult r = trainer.run(m, seed, (it, loss) -> progress.set(it,
                    String.format(Locale.ROOT, "validation loss %.5g", loss)));
            progress.set(total, "");
            return r;
        }
    }

    private TaskMetOptions options() throws UsageException {
        TaskMetOptions o = TaskMetOptions.of(problem);
        try {
            if (iterations != null) {
                o = o.withIterations(iterations);
            }
            if (dflAlpha != null) {
                o = o.withDflAlpha(dflAlpha);
            }
            if (innerFirst != null || inner != null) {
                o = o.withInner(innerFirst != null ? innerFirst : o.innerFirst(), inner != null ? inner : o.inner());
            }
            if (cgIterations != null) {
                o = o.withCgIterations(cgIterations);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("--iterations and --cg-iterations must be at least 1, --inner-first, --inner and "
                    + "--dfl-alpha at least 0");
        }
        return o;
    }

    private Split split() throws UsageException {
        if (data == null) {
            return switch (problem) {
                case "cubic" -> CubicTopK.data(seed);
                case "budget" -> BudgetAllocation.synthetic(seed);
                default -> Portfolio.synthetic(seed);
            };
        }
        try {
            var table = CsvTables.read(data);
            return problem.equals("budget") ? BudgetAllocation.fromTable(table, seed) : Portfolio.fromTable(table, seed);
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            throw new UsageException("cannot read " + data + ": " + (Files.exists(data) ? e.getMessage() : "no such file"));
        }
    }

    private TaskMetModels.Compiled compiled() throws UsageException {
        try {
            if (model == null) {
                return TaskMetModels.bundledCompiled(problem);
            }
            if (!Files.isRegularFile(model)) {
                throw new UsageException("cannot read " + model + ": no such file");
            }
            StringBuilder errors = new StringBuilder();
            TaskMetModels.Compiled c = TaskMetModels.compile(SourceFile.read(model), errors);
            io.err().print(errors);
            return c;
        } catch (IOException e) {
            throw new UsageException("cannot read " + model + ": " + e.getMessage());
        }
    }

    private String text(TaskMetResult r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "geo taskmet: %s, %s, seed %d (%s data)%n", problem, method, seed,
                data != null ? data.toString() : problem.equals("cubic") ? "published law" : "synthetic"));
        b.append(String.format(Locale.ROOT, "%s after %d iterations: %s; tested the parameters of iteration %d%n",
                r.status().name().toLowerCase(Locale.ROOT).replace('_', ' '), r.iterations(), r.message(),
                r.bestIteration()));
        b.append(String.format(Locale.ROOT, "normalised decision quality  %.4f   (DQ %.5g, random %.5g, optimal %.5g)%n",
                r.normalizedDq(), r.quality().model(), r.quality().random(), r.quality().optimal()));
        b.append(String.format(Locale.ROOT, "test prediction MSE          %.5g%n", r.testMse()));
        b.append(String.format(Locale.ROOT, "time                         %.1f s (CPU %.1f s)%n", r.seconds(),
                r.cpuSeconds()));
        return b.toString();
    }

    private Map<String, Object> json(TaskMetResult r, TaskMetOptions o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("problem", problem);
        m.put("method", method);
        m.put("seed", seed);
        m.put("data", data != null ? data.toString() : problem.equals("cubic") ? "published law" : "synthetic");
        m.put("status", r.status().name());
        m.put("message", r.message());
        m.put("normalizedDQ", r.normalizedDq());
        m.put("dq", r.quality().model());
        m.put("dqRandom", r.quality().random());
        m.put("dqOptimal", r.quality().optimal());
        m.put("testMSE", r.testMse());
        m.put("iterations", r.iterations());
        m.put("bestIteration", r.bestIteration());
        m.put("seconds", r.seconds());
        m.put("cpuSeconds", r.cpuSeconds());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("maxIterations", o.iterations());
        s.put("innerSteps", o.innerFirst() + "/" + o.inner());
        s.put("cgIterations", o.cgIterations());
        s.put("predictorRate", o.predictorRate());
        s.put("metricRate", o.metricRate());
        s.put("batch", o.batch());
        s.put("patience", o.patience());
        s.put("dflAlpha", o.dflAlpha());
        m.put("settings", s);
        TaskMetProfile p = r.profile();
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("inner", p.inner());
        cpu.put("taskGradient", p.taskGradient());
        cpu.put("implicit", p.implicit());
        cpu.put("validation", p.validation());
        cpu.put("test", p.test());
        m.put("cpuByPhase", cpu);
        if (p.solves() > 0) {
            Map<String, Object> cg = new LinkedHashMap<>();
            cg.put("solves", p.solves());
            cg.put("meanRelativeResidual", p.meanResidual());
            cg.put("maxRelativeResidual", p.maxResidual());
            m.put("implicitSolves", cg);
        }
        m.put("validation", r.trace().stream().map(t -> java.util.List.of((int) t[0], t[1])).toList());
        return m;
    }
}
