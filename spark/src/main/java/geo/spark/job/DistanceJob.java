package geo.spark.job;

import geo.runtime.bvp.Distances;
import geo.runtime.bvp.Shooting;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.load.Model;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * The distance job: d(x, y) of every pair of a dataset (CSV or Parquet, columns {@code x0…},
 * {@code y0…}) under a compiled metric and θ, written as a dataset of {@code row, dist, status,
 * iterations, residual, error, detail} (and the logarithm {@code v0…} when asked). Every input
 * row gives one output row: a pair that failed, or a line that is not a pair, is kept with its
 * status ({@link PairStatus}), never dropped.
 *
 * <p>Plan: read the rows and number them ({@code zipWithIndex}: CSV rows by their line, Parquet
 * rows by their position), spread them round-robin over the tasks, and solve each task's pairs
 * with its thread's solver ({@link ExecutorModels}); pairs are solved from a cold start, as
 * {@code geo dist --pairs} does, so each result is the single-JVM one bit for bit.
 */
public final class DistanceJob {

    /**
     * @param model       the model jar ({@code geo compile})
     * @param manifold    its manifold (default: the jar's first)
     * @param params      a parameters JSON file (default: the jar's θ)
     * @param integrator  the geodesic integrator ({@code geo dist}'s by default)
     * @param withLog     whether to write the logarithm v0… too
     * @param partitions  the number of tasks; 0 for four per core
     * @param format      how the output is written
     * @param overwrite   whether an existing output is replaced
     * @param progress    seconds between progress lines; 0 for none
     */
    public record Options(Path model, Optional<String> manifold, Optional<Path> params, Integrator integrator,
                          boolean withLog, int partitions, OutputFormat format, boolean overwrite, int progress) {

        /** Seconds between progress lines by default. */
        public static final int PROGRESS_SECONDS = 10;
        /** Tasks per core by default (several, so that a slow task does not leave cores idle at the end). */
        public static final int TASKS_PER_CORE = 4;

    }

    private DistanceJob() {
    }

    /**
     * Runs the job: reads {@code input} (a {@code .csv} file, or Parquet), writes {@code out}.
     *
     * @throws JobException for a set-up mistake (model, parameters, missing input or columns, an
     *                      existing output without {@code overwrite}); bad rows are not one
     */
    public static JobSummary run(SparkSession spark, Options o, String input, String out, PrintStream err)
            throws JobException {
        ModelSpec.Prepared prepared = ModelSpec.prepare(spark, o.model(), o.manifold(), o.params());
        Model model = prepared.model();
        if (!model.descriptor().kernels().contains("metric")) {
            throw new JobException("dist needs a metric; manifold " + model.name() + " has a lagrangian only");
        }
        int d = model.dimension();
        o.integrator().geodesicMethod(d);
        Jobs.checkOutput(spark, out, o.overwrite());
        JavaRDD<PairInput> pairs = input.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")
                ? csv(spark, input, d) : parquet(spark, input, d);
        long total = pairs.count();
        if (total == 0) {
            throw new JobException(input + " has no pairs");
        }
        int cores = spark.sparkContext().defaultParallelism();
        int tasks = o.partitions() > 0 ? o.partitions() : (int) Math.min(total, (long) Options.TASKS_PER_CORE * cores);
        ModelSpec spec = prepared.spec();
        Integrator integrator = o.integrator();
        boolean withLog = o.withLog();
        try (JobProgress progress = JobProgress.start(spark, "geo-spark dist", "pairs", total, o.progress(), err)) {
            LongAccumulator done = progress.counter();
            JavaRDD<Row> rows = pairs.repartition(tasks).mapPartitions(it -> solveAll(it, spec, integrator, withLog,
                    d, done));
            Dataset<Row> result = spark.createDataFrame(rows, PairSolve.schema(d, withLog));
            Jobs.write(result, out, o.format(), o.overwrite());
            double seconds = progress.seconds();
            return summary(spark, out, o.format(), PairSolve.schema(d, withLog), input, total, seconds, tasks);
        }
    }

    /** A task: this thread's solver on each pair of the partition, one row out per pair in. */
    private static Iterator<Row> solveAll(Iterator<PairInput> it, ModelSpec spec, Integrator integrator,
                                          boolean withLog, int d, LongAccumulator done) {
        Distances solver = ExecutorModels.solver(spec, "dist/" + integrator, Distances.class,
                m -> new Distances(m, method(integrator, d), Shooting.Options.DEFAULT));
        double[] logV = new double[d];
        double[] theta = spec.theta();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Row next() {
                Row r = PairSolve.solve(it.next(), solver, theta, withLog, logV);
                done.add(1);
                return r;
            }
        };
    }

    private static GeodesicMethod method(Integrator integrator, int d) {
        try {
            return integrator.geodesicMethod(d);
        } catch (JobException e) {
            // Checked on the driver before the job started.
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** CSV lines numbered from 1 and parsed on the executors. */
    static JavaRDD<PairInput> csv(SparkSession spark, String input, int d) throws JobException {
        Jobs.requireInput(spark, input);
        JavaRDD<String> text = JavaSparkContext.fromSparkContext(spark.sparkContext()).textFile(input);
        List<String> first = text.take(1);
        if (first.isEmpty()) {
            throw new JobException(input + " is empty");
        }
        PairLayout layout = PairLayout.of(first.get(0), d, input);
        return text.zipWithIndex().flatMap(t -> layout.parse(t._1(), t._2() + 1).stream().iterator());
    }

    /** Parquet rows numbered from 1 in the dataset's order; columns x0… and y0… as doubles. */
    static JavaRDD<PairInput> parquet(SparkSession spark, String input, int d) throws JobException {
        Jobs.requireInput(spark, input);
        Dataset<Row> data = spark.read().parquet(input);
        List<String> names = Arrays.asList(data.columns());
        List<String> missing = new ArrayList<>();
        org.apache.spark.sql.Column[] cols = new org.apache.spark.sql.Column[2 * d];
        for (int k = 0; k < 2 * d; k++) {
            String name = (k < d ? "x" : "y") + (k % d);
            if (!names.contains(name)) {
                missing.add(name);
            }
            cols[k] = functions.col(name).cast(DataTypes.DoubleType);
        }
        if (!missing.isEmpty()) {
            throw new JobException(input + ": no column" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                    + " (the model has " + d + " coordinates; the columns are " + names + ")");
        }
        return data.select(cols).javaRDD().zipWithIndex().map(t -> {
            Row r = t._1();
            long row = t._2() + 1;
            double[] x = new double[d];
            double[] y = new double[d];
            for (int k = 0; k < 2 * d; k++) {
                String name = (k < d ? "x" : "y") + (k % d);
                if (r.isNullAt(k)) {
                    return PairInput.bad(row, name + " is null");
                }
                double v = r.getDouble(k);
                if (!Double.isFinite(v)) {
                    return PairInput.bad(row, name + " is " + v);
                }
                (k < d ? x : y)[k % d] = v;
            }
            return new PairInput(row, x, y, "");
        });
    }

    /** The counts by status and the first bad and failed rows, from the written output. */
    private static JobSummary summary(SparkSession spark, String out, OutputFormat format, StructType schema,
                                      String input, long total, double seconds, int tasks) {
        Dataset<Row> written = Jobs.read(spark, out, format, schema);
        Map<String, Long> counts = Jobs.counts(written);
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (PairStatus s : PairStatus.values()) {
            if (counts.containsKey(s.name())) {
                ordered.put(s.name(), counts.get(s.name()));
            }
        }
        String where = input.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? input + ":" : input + ": row ";
        List<String> bad = new ArrayList<>();
        for (Row r : written.filter(functions.col("status").equalTo(PairStatus.BAD_INPUT.name())).orderBy("row")
                .limit(JobSummary.LISTED).collectAsList()) {
            bad.add(where + r.getLong(0) + ": " + r.getString(6));
        }
        List<String> failed = new ArrayList<>();
        for (Row r : written.filter(functions.col("status").isin(PairStatus.CONVERGED.name(),
                PairStatus.BAD_INPUT.name()).unary_$bang()).orderBy("row").limit(JobSummary.LISTED).collectAsList()) {
            failed.add(where + r.getLong(0) + ": " + r.getString(2) + (r.getString(6).isEmpty() ? "" : ": "
                    + r.getString(6)));
        }
        long rows = ordered.values().stream().mapToLong(Long::longValue).sum();
        if (rows != total) {
            throw new IllegalStateException("the output has " + rows + " rows for " + total + " pairs");
        }
        return new JobSummary("dist", "pairs", rows, ordered, PairStatus.CONVERGED.name(), seconds,
                spark.sparkContext().master(), spark.sparkContext().defaultParallelism(), tasks,
                ordered.getOrDefault(PairStatus.BAD_INPUT.name(), 0L), bad, failed, out);
    }

    /** The status names in order, for printing. */
    public static List<String> statusOrder() {
        return Arrays.stream(PairStatus.values()).map(Enum::name).toList();
    }
}
