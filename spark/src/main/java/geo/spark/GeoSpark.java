package geo.spark;

import geo.runtime.transport.CostMatrix;
import geo.runtime.transport.ExactResult;
import geo.spark.job.CostEntries;
import geo.spark.job.CostJob;
import geo.spark.job.DistanceJob;
import geo.spark.job.Integrator;
import geo.spark.job.JobException;
import geo.spark.job.JobSummary;
import geo.spark.job.OutputFormat;
import geo.runtime.transport.cost.SquaredGeodesicCost;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.SparkException;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code geo-spark dist|cost}: Geo's jobs on Apache Spark. The Spark master comes from
 * {@code spark-submit} ({@code --master}), else from {@code --master}, else {@code local[*]}.
 * Exit codes as the {@code geo} command: 0 when every row succeeded, 64 for a usage or set-up
 * mistake or when some input row could not be read, 70 when some solve failed or the job failed.
 */
@Command(name = "geo-spark", mixinStandardHelpOptions = true, subcommands = {GeoSpark.Dist.class, GeoSpark.Cost.class},
        description = "Geodesic distances of many pairs and transport cost matrices on Apache Spark.")
public final class GeoSpark implements Callable<Integer> {

    static final int OK = 0;
    static final int USAGE = 64;
    static final int FAILURE = 70;

    @Override
    public Integer call() {
        CommandLine.usage(this, System.err);
        return USAGE;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command line; returns the exit code (for tests, without exiting). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new GeoSpark());
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setExitCodeExceptionMapper(e -> USAGE);
        cl.setParameterExceptionHandler((e, a) -> {
            err.println("geo-spark: " + e.getMessage());
            return USAGE;
        });
        CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
        cl.setExecutionStrategy(parsed -> {
            Object cmd = parsed.subcommand() == null ? null : parsed.subcommand().commandSpec().userObject();
            if (cmd instanceof Job job) {
                job.out = out;
                job.err = err;
            }
            return run.execute(parsed);
        });
        return cl.execute(args);
    }

    /** What both jobs share: the model, θ, the output, the Spark master, progress. */
    static final class Common {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The output dataset (a directory).")
        String out;

        @Option(names = "--format", paramLabel = "parquet|csv", defaultValue = "parquet",
                description = "The output's format (default: ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--overwrite", description = "Replace an existing output.")
        boolean overwrite;

        @Option(names = "--manifold", paramLabel = "NAME", description = "The manifold of the jar (default: the first).")
        String manifold;

        @Option(names = "--params", paramLabel = "FILE.json",
                description = "Parameter values {\"NAME\": number or (nested) array, ...} (as geo dist --params); "
                        + "names it lacks keep the jar's.")
        Path params;

        @Option(names = "--master", paramLabel = "URL", description = "The Spark master when not run by spark-submit "
                + "(default: local[*], every core of this machine).")
        String master;

        @Option(names = "--progress", paramLabel = "SECONDS", defaultValue = "" + DistanceJob.Options.PROGRESS_SECONDS,
                description = "Seconds between progress lines on standard error; 0 for none (default: ${DEFAULT-VALUE}).")
        int progress;

        OutputFormat outputFormat() throws JobException {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "parquet" -> OutputFormat.PARQUET;
                case "csv" -> OutputFormat.CSV;
                default -> throw new JobException("unknown --format '" + format + "'; use parquet or csv");
            };
        }
    }

    /** A job command: starts Spark, runs, prints the summary, maps failures to exit codes. */
    abstract static class Job implements Callable<Integer> {
        @Mixin
        Common common;

        PrintStream out = System.out;
        PrintStream err = System.err;

        abstract String name();

        abstract int run(SparkSession spark) throws JobException;

        @Override
        public final Integer call() {
            SparkSession.Builder b = SparkSession.builder().appName("geo-spark " + name());
            if (common.master != null) {
                b = b.master(common.master);
            } else if (System.getProperty("spark.master") == null) {
                b = b.master("local[*]");
            }
            // The summary's aggregations are tiny: Spark's default of 200 shuffle partitions would be 200 tasks each.
            if (System.getProperty("spark.sql.shuffle.partitions") == null) {
                b = b.config("spark.sql.shuffle.partitions", "8");
            }
            SparkSession spark = b.getOrCreate();
            try {
                return run(spark);
            } catch (JobException e) {
                err.println("geo-spark " + name() + ": " + e.getMessage());
                return USAGE;
            } catch (Exception e) {
                // Scala code throws SparkException (checked) without declaring it: a job whose tasks failed.
                if (e instanceof SparkException || e.getCause() instanceof SparkException) {
                    err.println("geo-spark " + name() + ": the Spark job failed: " + e.getMessage());
                    return FAILURE;
                }
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
        }

        int report(JobSummary s, java.util.List<String> order) {
            s.print(out, err, order);
            return s.exitCode();
        }
    }

    @Command(name = "dist", mixinStandardHelpOptions = true,
            description = {"d(x, y) of every pair of a dataset (CSV or Parquet, columns x0..., y0...; a CSV without a "
                    + "header as geo dist --pairs): one output row per input row, "
                    + "row,dist,status,iterations,residual,error,detail[,v0...]; failures and unreadable rows kept "
                    + "with their status."})
    static final class Dist extends Job {
        @Parameters(index = "0", paramLabel = "MODEL.jar", description = "A model jar from geo compile (a metric).")
        Path model;

        @Parameters(index = "1", paramLabel = "PAIRS", description = "Pairs: a .csv file, or Parquet.")
        String pairs;

        @Option(names = "--method", paramLabel = "rk4|dopri5", defaultValue = Integrator.DEFAULT_METHOD,
                description = "The integrator (default: ${DEFAULT-VALUE}).")
        String method;

        @Option(names = "--steps", paramLabel = "N", defaultValue = "" + Integrator.DEFAULT_STEPS,
                description = "RK4 steps (default: ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--rtol", paramLabel = "TOL", description = "DOPRI5's tolerance (default: 1e-12), or the bound "
                + "on RK4's step-doubling error estimate.")
        Double rtol;

        @Option(names = "--log", description = "Also write the logarithm log_x(y) as v0...")
        boolean log;

        @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
                description = "Tasks (default: four per core).")
        int partitions;

        @Override
        String name() {
            return "dist";
        }

        @Override
        int run(SparkSession spark) throws JobException {
            DistanceJob.Options o = new DistanceJob.Options(model, Optional.ofNullable(common.manifold),
                    Optional.ofNullable(common.params), new Integrator(method, steps, rtol == null ? Double.NaN : rtol),
                    log, partitions, common.outputFormat(), common.overwrite, common.progress);
            return report(DistanceJob.run(spark, o, pairs, common.out, err), DistanceJob.statusOrder());
        }
    }

    @Command(name = "cost", mixinStandardHelpOptions = true,
            description = {"The n x m transport cost matrix between two clouds (CSV, header x0,...[,weight], as geo ot): "
                    + "one row i,j,cost,status,detail per entry, in blocks of rows warm-started along the targets' "
                    + "nearest-neighbour chain."})
    static final class Cost extends Job {
        @Parameters(index = "0", paramLabel = "MODEL.jar", description = "A model jar from geo compile.")
        Path model;

        @Parameters(index = "1", paramLabel = "SOURCE.csv", description = "The source cloud.")
        String source;

        @Parameters(index = "2", paramLabel = "TARGET.csv", description = "The target cloud.")
        String target;

        @Option(names = "--cost", paramLabel = "geodesic|lagrangian|discrete",
                description = "The squared geodesic distance, the minimal action over spline paths, or the discrete "
                        + "action (T = 20) (default: geodesic for a metric, lagrangian otherwise).")
        String cost;

        @Option(names = "--steps", paramLabel = "N", defaultValue = "" + SquaredGeodesicCost.Options.STEPS,
                description = "With --cost geodesic: RK4 steps of each geodesic (default: ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--block-rows", paramLabel = "R", defaultValue = "0",
                description = "Rows per task (default: about four tasks per core).")
        int blockRows;

        @Option(names = "--block-cols", paramLabel = "C", defaultValue = "0",
                description = "Targets per task (default: whole rows, the single-JVM numbers bit for bit).")
        int blockCols;

        @Option(names = "--solve", description = "Read the matrix back on the driver and solve the exact transport "
                + "problem (assignment, or network simplex for unequal sizes or weights).")
        boolean solve;

        @Option(names = "--plan", paramLabel = "FILE.csv", description = "With --solve: write the plan "
                + "(source,target,mass, 0-based).")
        Path plan;

        @Override
        String name() {
            return "cost";
        }

        @Override
        int run(SparkSession spark) throws JobException {
            Optional<CostJob.Kind> kind = Optional.empty();
            if (cost != null) {
                kind = Optional.of(switch (cost) {
                    case "geodesic" -> CostJob.Kind.GEODESIC;
                    case "lagrangian" -> CostJob.Kind.LAGRANGIAN;
                    case "discrete" -> CostJob.Kind.DISCRETE_ACTION;
                    default -> throw new JobException("unknown --cost '" + cost + "'; use geodesic, lagrangian or discrete");
                });
            }
            if (plan != null && !solve) {
                throw new JobException("--plan goes with --solve");
            }
            CostJob.Options o = new CostJob.Options(model, Optional.ofNullable(common.manifold),
                    Optional.ofNullable(common.params), kind, steps, blockRows, blockCols, common.outputFormat(),
                    common.overwrite, common.progress);
            CostJob.Run r = CostJob.run(spark, o, source, target, common.out, err);
            int code = report(r.summary(), CostJob.statusOrder());
            if (!solve || code != OK) {
                return code;
            }
            CostMatrix c = CostEntries.read(spark, common.out, common.outputFormat(), r.sources(), r.targets());
            ExactResult e = CostEntries.solve(c, r.sourceWeights(), r.targetWeights());
            out.println(String.format(Locale.ROOT, "transport cost %.17g (%s, %d iterations)", e.cost(), e.status(),
                    e.iterations()));
            if (plan != null) {
                StringBuilder s = new StringBuilder("source,target,mass\n");
                for (int k = 0; k < e.plan().size(); k++) {
                    if (e.plan().mass()[k] > 0) {
                        s.append(e.plan().from()[k]).append(',').append(e.plan().to()[k]).append(',')
                                .append(e.plan().mass()[k]).append('\n');
                    }
                }
                try {
                    Files.writeString(plan, s);
                } catch (IOException ex) {
                    err.println("geo-spark cost: cannot write " + plan + ": " + ex.getMessage());
                    return FAILURE;
                }
                out.println("wrote " + plan);
            }
            return e.status().name().equals("OPTIMAL") ? OK : FAILURE;
        }
    }
}
