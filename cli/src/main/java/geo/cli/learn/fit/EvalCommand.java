package geo.cli.learn.fit;

import geo.cli.common.ExitCodes;
import geo.cli.common.Io;
import geo.cli.common.UsageException;
import geo.cli.options.ModelOptions;
import geo.cli.options.ParameterOptions;
import geo.runtime.api.CompiledModel;
import geo.runtime.api.FunctionKernels;
import geo.runtime.api.LossKernels;
import geo.runtime.api.ModelDescriptor;
import geo.runtime.data.table.Columns;
import geo.runtime.data.table.DataSet;
import geo.runtime.learn.Execution;
import geo.runtime.learn.fit.NoiseDraws;
import geo.runtime.load.Model;
import geo.runtime.load.ModelSet;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code geo eval}: applies a declared function (or a loss, whose value is a scalar) to every row
 * of a CSV file whose columns name its inputs, and writes one row of outputs per input row, in
 * order. Output columns are named after the function: {@code NAME} for a scalar, {@code NAME[i]}
 * for a vector, {@code NAME[i][j]} for a matrix (row-major) — the names an input called NAME
 * binds to, so the output can feed another model.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Apply a function (or a loss) to every row of a CSV file whose columns name its inputs, "
                + "and write its values as CSV: a column NAME for a scalar, NAME[0], NAME[1], ... for a vector, "
                + "NAME[i][j] for a matrix. Columns that name no input are ignored (and listed on standard error)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every row evaluated", "64:usage error or bad data (the file and line are named)",
            "65:the model has compile errors", "70:a value was NaN or infinite (the row is named), or the output "
                + "could not be written"})
public final class EvalCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "A .geo file or a model jar from 'geo compile'.")
    Path modelPath;

    @Option(names = "--fn", paramLabel = "NAME", description = "The function (or loss) to apply (default: the file's "
            + "only function, or its only loss when it has no function).")
    String fnName;

    @Option(names = "--data", paramLabel = "FILE.csv", required = true, description = "The input rows.")
    Path data;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Where to write the values (default: standard output).")
    Path out;

    @Mixin
    ParameterOptions params;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + Execution.SEED,
            description = "The seed of a loss's noise inputs, one draw per row (default: ${DEFAULT-VALUE}).")
    long seed;

    private final Io io;

    public EvalCommand(Io io) {
        this.io = io;
    }

    /** One row's value: a function's, or a loss's (a scalar). */
    interface RowValue {
        void value(double[] in, double[] theta, double[] out);
    }

    @Override
    public Integer call() {
        try {
            ModelSet set = ModelOptions.loadSet(io, modelPath);
            if (set == null) {
                return ExitCodes.COMPILE_ERROR;
            }
            boolean hasFunction = set.models().stream().anyMatch(m -> m.descriptor().kind().equals("function"));
            Model model = ModelOptions.named(set, modelPath, fnName,
                    fnName != null ? Set.of("function", "loss") : Set.of(hasFunction ? "function" : "loss"),
                    fnName != null ? "function or loss" : hasFunction ? "function" : "function or loss", "--fn");
            double[] theta = params.apply(model.descriptor(), model.defaultParameters());
            Columns.Bound bound = FitCommand.read(data, model, model.descriptor().kind() + " " + model.name(),
                    Columns.Extra.IGNORE);
            if (!bound.ignored().isEmpty()) {
                io.err().println("geo eval: note: " + data + ": columns " + bound.ignored() + " name no input of "
                        + model.name() + " and are ignored");
            }
            DataSet rows = bound.data();
            CompiledModel instance = model.newInstance();
            RowValue f;
            if (instance instanceof FunctionKernels fk) {
                f = fk::value;
            } else if (instance instanceof LossKernels lk) {
                f = (in, th, o) -> o[0] = lk.loss(in, th);
            } else {
                throw new UsageException(model.name() + " is a " + model.descriptor().kind() + ", not a function or loss");
            }
            List<String> header = outputNames(model.name(), model.descriptor().output());
            double[] values;
            try {
                values = evaluate(f, header.size(), rows, theta, new NoiseDraws(model.descriptor().inputs()), seed);
            } catch (NonFiniteValue e) {
                io.err().println("geo eval: " + e.getMessage());
                return ExitCodes.RUNTIME_FAILURE;
            }
            try {
                if (out == null) {
                    write(io.out(), header, values);
                } else {
                    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                        write(w, header, values);
                    }
                }
            } catch (IOException e) {
                io.err().println("geo eval: cannot write " + out + ": " + e.getMessage());
                return ExitCodes.RUNTIME_FAILURE;
            }
            return ExitCodes.OK;
        } catch (UsageException e) {
            io.err().println("geo eval: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    /** A value that was NaN or infinite, with the row's {@code file:line}. */
    static final class NonFiniteValue extends Exception {
        NonFiniteValue(String message) {
            super(message);
        }
    }

    /**
     * The values of {@code f} on every row: m values per row, row-major.
     *
     * @throws NonFiniteValue at the first row with a NaN or infinite value
     */
    static double[] evaluate(RowValue f, int m, DataSet rows, double[] theta, NoiseDraws noise, long seed)
            throws NonFiniteValue {
        double[] in = new double[rows.width()];
        double[] y = new double[m];
        double[] values = new double[rows.rows() * m];
        for (int r = 0; r < rows.rows(); r++) {
            rows.row(r, in);
            noise.fill(in, seed, NoiseDraws.EVALUATION, r);
            f.value(in, theta, y);
            for (int k = 0; k < m; k++) {
                if (!Double.isFinite(y[k])) {
                    throw new NonFiniteValue(rows.where(r) + ": the value is " + y[k] + (m > 1 ? " in output " + k : ""));
                }
            }
            System.arraycopy(y, 0, values, r * m, m);
        }
        return values;
    }

    /** NAME, NAME[i] or NAME[i][j], row-major. */
    static List<String> outputNames(String name, List<Integer> shape) {
        ModelDescriptor.Input as = new ModelDescriptor.Input(name, shape, 0, ModelDescriptor.Input.Source.DATA);
        return Columns.names(as);
    }

    private static void write(Appendable w, List<String> header, double[] values) throws IOException {
        w.append(String.join(",", header)).append('\n');
        int m = header.size();
        StringBuilder line = new StringBuilder();
        for (int r = 0; r < values.length / m; r++) {
            line.setLength(0);
            for (int k = 0; k < m; k++) {
                line.append(k > 0 ? "," : "").append(values[r * m + k]);
            }
            w.append(line).append('\n');
        }
        if (w instanceof PrintStream p) {
            p.flush();
        }
    }
}
