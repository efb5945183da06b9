package geo.cli.learn.fit;

import geo.cli.common.ExitCodes;
import geo.cli.common.Io;
import geo.cli.common.Progress;
import geo.cli.common.UsageException;
import geo.cli.common.figure.FigureWriter;
import geo.cli.common.figure.PlotException;
import geo.cli.options.ModelOptions;
import geo.cli.options.ParameterOptions;
import geo.cli.options.ThreadsOption;
import geo.cli.options.TrainingOptions;
import geo.runtime.api.Json;
import geo.runtime.api.LossKernels;
import geo.runtime.data.table.Columns;
import geo.runtime.data.table.CsvTables;
import geo.runtime.data.table.DataFormatException;
import geo.runtime.data.table.DataSet;
import geo.runtime.learn.Execution;
import geo.runtime.learn.Schedule;
import geo.runtime.learn.fit.FitEpoch;
import geo.runtime.learn.fit.FitOptions;
import geo.runtime.learn.fit.FitResult;
import geo.runtime.learn.fit.FitStatus;
import geo.runtime.learn.fit.Fitter;
import geo.runtime.learn.fit.Optimisation;
import geo.runtime.learn.fit.Validation;
import geo.runtime.load.Model;
import geo.runtime.load.ModelSet;
import geo.runtime.load.ParameterFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code geo fit}: fits the parameters of a loss declared in a {@code .geo} file to the rows of a
 * CSV file whose columns name the loss's inputs ({@link Columns}), minimising the mean per-row loss
 * by mini-batch Adam or AdamW or by full-batch L-BFGS ({@link Fitter}), with a validation set or
 * split, early stopping, a per-epoch report, the parameters saved by name and the loss curve drawn.
 */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit the parameters of a loss to data: minimise the mean over the rows of a CSV file of the "
                + "loss, whose inputs are the columns of the same names (x[0], x[1], ... or x0, x1, ... for a vector "
                + "input x; y for a scalar; W[i][j] or Wi_j for a matrix)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:fitted (converged, stopped early, reached the epoch limit, or L-BFGS stalled: the report "
                + "says which)", "64:usage error or bad data (the file and line are named)",
            "65:the model has compile errors", "70:the loss or its gradient became NaN or infinite (the epoch, batch "
                + "and row are named; the last good parameters are still saved), or a file could not be written"})
public final class FitCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "A .geo file or a model jar from 'geo compile'.")
    Path modelPath;

    @Option(names = "--loss", paramLabel = "NAME", description = "The loss to minimise (default: the file's only loss).")
    String lossName;

    @Option(names = "--data", paramLabel = "FILE.csv", required = true,
            description = "The training rows: a header of input names, then one row of numbers per example.")
    Path data;

    @Option(names = "--val", paramLabel = "FILE.csv", description = "Validation rows (same columns).")
    Path val;

    @Option(names = "--val-fraction", paramLabel = "F", defaultValue = "" + Validation.FRACTION,
            description = "Hold out this fraction of the training rows (seeded) for validation (default: "
                    + "${DEFAULT-VALUE}, none).")
    double valFraction;

    @Option(names = "--optimizer", paramLabel = "adam|adamw|lbfgs", defaultValue = Optimisation.METHOD_KEY,
            description = "Mini-batch Adam or AdamW, or full-batch L-BFGS (one iteration an epoch) "
                    + "(default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "" + Optimisation.LEARNING_RATE,
            description = "Adam's and AdamW's base learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--weight-decay", paramLabel = "LAMBDA",
            description = "AdamW's decoupled weight decay (default: " + Optimisation.WEIGHT_DECAY + ").")
    Double weightDecay;

    @Option(names = "--clip", paramLabel = "NORM",
            description = "Scale each batch gradient down to this Euclidean norm when it is longer (default: none).")
    Double clip;

    @Option(names = "--schedule", paramLabel = "constant|cosine", defaultValue = Schedule.KIND_KEY,
            description = "The learning-rate schedule: constant, or cosine decay over all steps of --epochs "
                    + "(default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--lr-end", paramLabel = "F", defaultValue = "" + Schedule.END_FRACTION,
            description = "The cosine schedule's last rate, as a fraction of --lr (default: ${DEFAULT-VALUE}).")
    double lrEnd;

    @Option(names = "--batch", paramLabel = "ROWS", defaultValue = "" + Optimisation.BATCH_SIZE,
            description = "Rows per Adam or AdamW step (default: ${DEFAULT-VALUE}).")
    int batch;

    @Mixin
    TrainingOptions training;

    @Mixin
    ThreadsOption threads;

    @Mixin
    ParameterOptions start;

    @Option(names = "--save-params", paramLabel = "FILE.json",
            description = "Write the fitted parameters by name, for --params of this and other commands.")
    Path saveParams;

    @Option(names = "--plot-loss", paramLabel = "FILE.png|FILE.svg",
            description = "Draw the training and validation loss per epoch (log scale).")
    Path plotLoss;

    @Option(names = "--every", paramLabel = "N",
            description = "Print every N-th epoch's line (default: about 20 lines over --epochs).")
    Integer every;

    @Option(names = "--json", description = "Print a JSON report instead of text.")
    boolean json;

    private final Io io;

    public FitCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        try {
            ModelSet set = ModelOptions.loadSet(io, modelPath);
            if (set == null) {
                return ExitCodes.COMPILE_ERROR;
            }
            Model model = ModelOptions.named(set, modelPath, lossName, Set.of("loss"), "loss", "--loss");
            FitOptions options = options();
            if (plotLoss != null) {
                check(plotLoss);
                writable(plotLoss, "--plot-loss");
            }
            if (saveParams != null) {
                writable(saveParams, "--save-params");
            }
            if (every != null && every < 1) {
                throw new UsageException("--every must be at least 1, got " + every);
            }
            // θ₀ is drawn with the run's seed (seed 0 is the compiled default), so seeds vary the start too.
            double[] theta = start.apply(model.descriptor(), model.initialParameters(training.seed()));
            String what = "loss " + model.name();
            DataSet train = read(data, model, what);
            Optional<DataSet> validation = val == null ? Optional.empty() : Optional.of(read(val, model, what));
            return fit(model, options, train, validation, theta);
        } catch (UsageException e) {
            io.err().println("geo fit: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    /** Reads and binds a data file (extra columns are errors); bad data is a usage error naming the file and line. */
    static DataSet read(Path file, Model model, String what) throws UsageException {
        return read(file, model, what, Columns.Extra.ERROR).data();
    }

    /** Reads and binds a data file; bad data is a usage error naming the file and line. */
    static Columns.Bound read(Path file, Model model, String what, Columns.Extra extra) throws UsageException {
        try {
            return Columns.bind(CsvTables.read(file), model.descriptor().inputs(), extra, what);
        } catch (DataFormatException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + (Files.exists(file) ? e.getMessage()
                    : "no such file"));
        }
    }

    /** Refuses, before any training, an output file whose directory does not exist. */
    private static void writable(Path file, String option) throws UsageException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new UsageException(option + ": cannot write " + file + ": no such directory " + dir);
        }
        if (Files.isDirectory(file)) {
            throw new UsageException(option + ": cannot write " + file + ": it is a directory");
        }
    }

    private static void check(Path file) throws UsageException {
        try {
            FigureWriter.check(file);
        } catch (PlotException e) {
            throw new UsageException("--plot-loss: " + e.getMessage());
        }
    }

    private FitOptions options() throws UsageException {
        Optimisation.Method method = Optimisation.Method.of(optimizer);
        if (method == null) {
            throw new UsageException("unknown --optimizer '" + optimizer + "'; use adam, adamw or lbfgs");
        }
        Schedule.Kind kind = Schedule.Kind.of(schedule);
        if (kind == null) {
            throw new UsageException("unknown --schedule '" + schedule + "'; use constant or cosine");
        }
        if (weightDecay != null && method != Optimisation.Method.ADAMW) {
            throw new UsageException("--weight-decay needs --optimizer adamw");
        }
        if (method == Optimisation.Method.LBFGS && (clip != null || kind != Schedule.KIND)) {
            throw new UsageException("--clip and --schedule apply to adam and adamw, not lbfgs");
        }
        if (val != null && valFraction != Validation.FRACTION) {
            throw new UsageException("give --val or --val-fraction, not both");
        }
        try {
            double decay = method == Optimisation.Method.ADAMW
                    ? (weightDecay != null ? weightDecay : Optimisation.WEIGHT_DECAY) : 0;
            Optimisation o = new Optimisation(method, batch, lr, decay, clip != null ? clip : Optimisation.CLIP_NORM);
            Execution execution = Execution.DEFAULTS.withSeed(training.seed());
            if (threads.given()) {
                execution = execution.withThreads(threads.workers());
            }
            return FitOptions.DEFAULTS.with(o).with(new Schedule(kind, lrEnd)).with(new Validation(valFraction))
                    .with(training.stopping()).with(execution);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private int fit(Model model, FitOptions options, DataSet train, Optional<DataSet> validation, double[] theta)
            throws UsageException {
        LossKernels loss = model.loss();
        int epochs = options.stopping().maxEpochs();
        int step = every != null ? every : Math.max(1, (epochs + 19) / 20);
        FitReport report = new FitReport(model, options);
        if (!json) {
            io.out().print(report.header(modelPath, data, train, validation, val));
        }
        FitResult result;
        try (Progress progress = Progress.start(Progress.Output.of(io, "geo fit"), "training", epochs)) {
            result = new Fitter(loss, options).fit(train, validation, theta, (FitEpoch e) -> {
                progress.set(e.epoch(), FitReport.note(e));
                if (!json && (e.epoch() == 1 || e.epoch() % step == 0)) {
                    io.out().println(report.line(e));
                }
            });
            progress.set(epochs, "");
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (!json) {
            io.out().print(report.footer(result, step));
        }
        try {
            if (saveParams != null) {
                ParameterFile.write(saveParams, model.descriptor(), result.theta());
                if (!json) {
                    io.out().println("parameters written to " + saveParams);
                }
            }
            if (plotLoss != null) {
                LossPlot.write(plotLoss, model.name(), result);
            }
        } catch (IOException e) {
            io.err().println("geo fit: cannot write " + e.getMessage());
            return ExitCodes.RUNTIME_FAILURE;
        } catch (PlotException e) {
            io.err().println("geo fit: --plot-loss: " + e.getMessage());
            return e.isUsage() ? ExitCodes.USAGE : ExitCodes.RUNTIME_FAILURE;
        }
        if (json) {
            io.out().println(Json.writePretty(report.json(result)));
        }
        if (result.status() == FitStatus.STALLED) {
            io.err().println("geo fit: warning: " + result.message());
        }
        if (result.status().failed()) {
            io.err().println("geo fit: " + result.message() + (saveParams != null
                    ? "; the last good parameters were written to " + saveParams : ""));
            return ExitCodes.RUNTIME_FAILURE;
        }
        return ExitCodes.OK;
    }
}
