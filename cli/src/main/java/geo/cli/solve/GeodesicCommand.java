package geo.cli.solve;

import geo.cli.common.ExitCodes;
import geo.cli.common.Io;
import geo.cli.common.Table;
import geo.cli.common.UsageException;
import geo.runtime.bvp.LogResult;
import geo.runtime.geodesic.CheckedExp;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.load.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code geo geodesic}: samples a geodesic at the n + 1 times t = k/n, k = 0..n, from --x with
 * initial velocity --v, or from --x to --y (the velocity found by shooting, log_x(y), first).
 */
@Command(name = "geodesic", mixinStandardHelpOptions = true,
        description = {"Sample a geodesic at the n + 1 equally spaced times t = k/n, k = 0, ..., n, in [0, 1]: from --x "
                + "with initial velocity --v (as exp), or from --x to --y (by shooting first, as log).",
            "Prints a table of t, the coordinates and the velocity components; --csv writes it to a file, --json "
                + "prints an object."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the geodesic was sampled", "64:usage error (bad option, file, number or dimension)",
            "65:the model has compile errors", "70:the integration failed or the logarithm did not converge"})
public final class GeodesicCommand extends SolverCommand {

    @Option(names = "--v", paramLabel = "v1,v2,...", description = "The initial velocity (or give --y).")
    String v;

    @Option(names = "--y", paramLabel = "y1,y2,...", description = "The end point, reached at t = 1 (or give --v).")
    String y;

    /** The most intervals --n may ask for. */
    static final int MAX_INTERVALS = 100_000;
    /** The most sampled coordinates, (n + 1)·d, a table may hold (with as many velocities). */
    static final long MAX_SAMPLED_VALUES = 2_000_000;

    @Option(names = "--n", paramLabel = "N", defaultValue = "200",
            description = "The number of intervals: N + 1 samples, N at most 100000 and (N + 1)·d at most 2000000 "
                    + "(default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--csv", paramLabel = "FILE.csv",
            description = "Write the samples there as CSV (with a header row) and print a one-line summary.")
    Path csv;

    public GeodesicCommand(Io io) {
        super(io);
    }

    @Override
    int run(Model model, double[] theta, GeodesicMethod integrator) throws UsageException {
        if ((v == null) == (y == null)) {
            throw new UsageException("give exactly one of --v (the initial velocity) and --y (the end point)");
        }
        if (n < 1) {
            throw new UsageException("--n must be at least 1, got " + n);
        }
        if (n > MAX_INTERVALS) {
            throw new UsageException("--n must be at most " + MAX_INTERVALS + ", got " + n);
        }
        int d = model.dimension();
        if ((n + 1L) * d > MAX_SAMPLED_VALUES) {
            throw new UsageException("--n " + n + " with " + d + " coordinates samples (n + 1)·d = " + (n + 1L) * d
                    + " coordinates; at most " + MAX_SAMPLED_VALUES + " (use --n " + (MAX_SAMPLED_VALUES / d - 1)
                    + " or less)");
        }
        double[] x0 = point("--x", x, model);
        Map<String, Object> fields = new LinkedHashMap<>();
        double[] v0;
        if (v != null) {
            v0 = vector("--v", v, d);
        } else {
            double[] y0 = point("--y", y, model);
            v0 = new double[d];
            LogResult r = distances(model, integrator).log(x0, y0, theta, v0);
            if (!r.converged()) {
                io.err().println("geo geodesic: " + r.failure());
                return ExitCodes.RUNTIME_FAILURE;
            }
            fields.put("log", v0);
            fields.put("status", r.status().toString());
            fields.put("iterations", r.iterations());
            fields.put("residual", r.residual());
        }
        double[] positions = new double[(n + 1) * d];
        double[] velocities = new double[(n + 1) * d];
        CheckedExp.Result check = checkedExp(model, integrator).path(x0, v0, theta, n + 1, positions, velocities);
        if (!check.accurate()) {
            io.err().println("geo geodesic: the geodesic is inaccurate: " + check.detail());
            return ExitCodes.RUNTIME_FAILURE;
        }
        if (!integrator.adaptive() || json || !fields.isEmpty()) {
            // A fixed-step path always shows its step-doubling estimate; a DOPRI5 table from --v stays bare.
            fields.put("error", check.error());
        }
        List<String> header = header(model);
        List<double[]> rows = rows(positions, velocities, d);
        if (csv != null) {
            if (!write(csv, Table.csv(header, rows))) {
                return ExitCodes.RUNTIME_FAILURE;
            }
            if (json) {
                fields.put("csv", csv.toString());
                fields.put("samples", n + 1);
                print(fields);
            } else {
                io.out().println("wrote " + csv + ": " + (n + 1) + " samples of the geodesic at t = k/" + n + ", k = 0.." + n
                        + summary(fields));
            }
        } else if (json) {
            fields.put("columns", header);
            // Rows as lists, so that the JSON has one sample a line.
            fields.put("samples", rows.stream().map(r -> Arrays.stream(r).boxed().toList()).toList());
            print(fields);
        } else {
            if (!fields.isEmpty()) {
                print(fields);
                io.out().println();
            }
            io.out().print(Table.text(header, rows));
        }
        return ExitCodes.OK;
    }

    /** t, the coordinates' names, and v[i] for the velocity of coordinate i (as in geo show). */
    private static List<String> header(Model model) {
        List<String> header = new ArrayList<>();
        header.add("t");
        header.addAll(model.descriptor().coordinates());
        for (int i = 0; i < model.dimension(); i++) {
            header.add("v[" + i + "]");
        }
        return header;
    }

    private List<double[]> rows(double[] positions, double[] velocities, int d) {
        List<double[]> rows = new ArrayList<>();
        for (int k = 0; k <= n; k++) {
            double[] row = new double[1 + 2 * d];
            row[0] = k == n ? 1 : (double) k / n;
            System.arraycopy(positions, k * d, row, 1, d);
            System.arraycopy(velocities, k * d, row, 1 + d, d);
            rows.add(row);
        }
        return rows;
    }

    /** The solve behind a geodesic to --y, for the one-line summary; empty for --v. */
    private static String summary(Map<String, Object> fields) {
        return fields.isEmpty() ? "" : " (log " + fields.get("status") + " after " + fields.get("iterations")
                + " iterations, residual " + fields.get("residual") + ")";
    }
}
