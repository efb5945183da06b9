package geo.spark.job;

import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.load.Model;
import geo.runtime.transport.cost.CostMatrices;
import geo.runtime.transport.cost.LagrangianActionCost;
import geo.runtime.transport.cost.PairCost;
import geo.runtime.transport.cost.SquaredGeodesicCost;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * The cost-matrix job: C_ij = c(x_i, y_j; θ) for every source x_i and target y_j of two clouds,
 * the squared geodesic distance of a compiled metric ({@link SquaredGeodesicCost}) or the minimal
 * action of a compiled Lagrangian ({@link LagrangianActionCost}), written as a dataset of
 * {@code i, j, cost, status, detail} with all n·m entries, failed ones with their status
 * ({@link CostStatus}).
 *
 * <p>Blocking: the targets are put in {@link CostMatrices#chain} order (nearest neighbour after
 * nearest neighbour) on the driver, and each task gets a block of rows × a stretch of the chain,
 * solved row by row along the chain by {@link CostMatrices#row}, so an entry warm-starts from its
 * neighbour as in the single-JVM {@link CostMatrices#build}. With whole rows (the default) every
 * entry is solved by the same calls as there, so the same bits; a stretch that starts inside the
 * chain starts cold, and its first entries differ from the single-JVM ones within the solver's
 * tolerance. {@link CostEntries} reads the dataset back into a matrix for the transport solvers.
 */
public final class CostJob {

    /** The ground cost. */
    public enum Kind {
        /** d(x, y; θ)² of the model's metric. */
        GEODESIC,
        /** The minimal action of the model's Lagrangian over spline paths. */
        LAGRANGIAN,
        /** The discrete action of Pooladian et al. (2024) with T = 20 samples. */
        DISCRETE_ACTION
    }

    /**
     * @param model     the model jar
     * @param manifold  its manifold (default: the first)
     * @param params    a parameters JSON file (default: the jar's θ)
     * @param kind      the cost (default: geodesic for a metric, else the Lagrangian's action)
     * @param steps     RK4 steps of each geodesic ({@link SquaredGeodesicCost.Options#STEPS}, as {@code geo ot})
     * @param blockRows rows per task; 0 for about four tasks per core
     * @param blockCols targets per task; 0 for whole rows (the single-JVM numbers bit for bit)
     * @param format    how the output is written
     * @param overwrite whether an existing output is replaced
     * @param progress  seconds between progress lines; 0 for none
     */
    public record Options(Path model, Optional<String> manifold, Optional<Path> params, Optional<Kind> kind,
                          int steps, int blockRows, int blockCols, OutputFormat format, boolean overwrite, int progress) {

    }

    /**
     * A finished job: its summary, the clouds' sizes and weights (for solving the transport
     * problem on the read-back matrix).
     */
    public record Run(JobSummary summary, int sources, int targets, double[] sourceWeights, double[] targetWeights) {
    }

    /** What every task needs, broadcast once: the clouds and the targets' chain. */
    private record Clouds(double[][] xs, double[][] ys, String[] badX, String[] badY, int[] order, int[] badTargets)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** A task's work: rows [rowFrom, rowTo) × chain positions [kFrom, kTo). */
    private record Block(int rowFrom, int rowTo, int kFrom, int kTo) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** How executors make their cost (serialisable, and the key of their per-thread solvers). */
    private record CostSpec(Kind kind, int steps) implements Serializable {
        private static final long serialVersionUID = 1L;

        PairCost make(Model m) {
            return CostJob.cost(m, kind, steps);
        }
    }

    private CostJob() {
    }

    /** The cost of a model, built as {@code geo ot --cost geodesic|lagrangian} builds it. */
    public static PairCost cost(Model m, Kind kind, int steps) {
        return switch (kind) {
            case GEODESIC -> new SquaredGeodesicCost(m, SquaredGeodesicCost.Options.DEFAULTS.withMethod(
                    GeodesicMethod.rk4(steps)));
            case LAGRANGIAN -> new LagrangianActionCost(m, LagrangianActionCost.Options.DEFAULTS);
            case DISCRETE_ACTION -> new LagrangianActionCost(m, LagrangianActionCost.Options.PAPER);
        };
    }

    /** The output columns: {@code i, j} (0-based, as in the clouds), {@code cost} (null unless OK), {@code status, detail}. */
    public static StructType schema() {
        return DataTypes.createStructType(List.of(
                DataTypes.createStructField("i", DataTypes.IntegerType, false),
                DataTypes.createStructField("j", DataTypes.IntegerType, false),
                DataTypes.createStructField("cost", DataTypes.DoubleType, true),
                DataTypes.createStructField("status", DataTypes.StringType, false),
                DataTypes.createStructField("detail", DataTypes.StringType, false)));
    }

    /**
     * Runs the job on the clouds {@code source} and {@code target} (CSV), writing {@code out}.
     *
     * @throws JobException for a set-up mistake; bad points are not one
     */
    public static Run run(SparkSession spark, Options o, String source, String target, String out,
                          PrintStream err) throws JobException {
        ModelSpec.Prepared prepared = ModelSpec.prepare(spark, o.model(), o.manifold(), o.params());
        Model model = prepared.model();
        boolean metric = model.descriptor().kernels().contains("metric");
        Kind kind = o.kind().orElse(metric ? Kind.GEODESIC : Kind.LAGRANGIAN);
        if (kind == Kind.GEODESIC && !metric) {
            throw new JobException("manifold " + model.name() + " has no metric; use --cost lagrangian");
        }
        if (kind != Kind.GEODESIC && o.steps() != SquaredGeodesicCost.Options.STEPS) {
            throw new JobException("--steps needs --cost geodesic");
        }
        int d = model.dimension();
        if (o.steps() < 2 || 4L * o.steps() * d > Integrator.MAX_STEPS_TIMES_D) {
            throw new JobException("--steps must be from 2 to " + Integrator.MAX_STEPS_TIMES_D / (4L * d) + " for " + d
                    + " coordinates (refined entries take 4 times the steps), got " + o.steps());
        }
        cost(model, kind, o.steps());
        Jobs.checkOutput(spark, out, o.overwrite());
        Cloud xs = Cloud.read(spark, source, d);
        Cloud ys = Cloud.read(spark, target, d);
        Clouds clouds = clouds(xs, ys);
        int n = xs.size();
        int m = ys.size();
        int cores = spark.sparkContext().defaultParallelism();
        int rowsPerBlock = o.blockRows() > 0 ? o.blockRows()
                : Math.max(1, (n + DistanceJob.Options.TASKS_PER_CORE * cores - 1) / (DistanceJob.Options.TASKS_PER_CORE * cores));
        int good = clouds.order().length;
        int colsPerBlock = o.blockCols() > 0 ? o.blockCols() : Math.max(1, good);
        List<Block> blocks = new ArrayList<>();
        for (int r = 0; r < n; r += rowsPerBlock) {
            for (int k = 0; k < Math.max(1, good); k += colsPerBlock) {
                blocks.add(new Block(r, Math.min(n, r + rowsPerBlock), k, Math.min(good, k + colsPerBlock)));
            }
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<Clouds> shared = jsc.broadcast(clouds);
        ModelSpec spec = prepared.spec();
        CostSpec cs = new CostSpec(kind, o.steps());
        long total = (long) n * m;
        try (JobProgress progress = JobProgress.start(spark, "geo-spark cost", "entries", total, o.progress(), err)) {
            LongAccumulator done = progress.counter();
            JavaRDD<Row> rows = jsc.parallelize(blocks, blocks.size())
                    .flatMap(b -> entries(b, shared.value(), spec, cs, done));
            Jobs.write(spark.createDataFrame(rows, schema()), out, o.format(), o.overwrite());
            double seconds = progress.seconds();
            return new Run(summary(spark, out, o.format(), total, seconds, blocks.size(), xs, ys), n, m, xs.weights(),
                    ys.weights());
        } finally {
            shared.destroy();
        }
    }

    /** The clouds with the good targets in chain order and the bad ones apart. */
    private static Clouds clouds(Cloud xs, Cloud ys) {
        List<Integer> goodIdx = new ArrayList<>();
        List<Integer> badIdx = new ArrayList<>();
        for (int j = 0; j < ys.size(); j++) {
            (ys.ok(j) ? goodIdx : badIdx).add(j);
        }
        int[] order = new int[0];
        if (!goodIdx.isEmpty()) {
            double[][] goodPts = goodIdx.stream().map(j -> ys.points()[j]).toArray(double[][]::new);
            int[] local = CostMatrices.chain(goodPts);
            order = Arrays.stream(local).map(goodIdx::get).toArray();
        }
        return new Clouds(xs.points(), ys.points(), xs.bad(), ys.bad(), order,
                badIdx.stream().mapToInt(Integer::intValue).toArray());
    }

    /** A task: the block's entries, row by row, along the chain, with this thread's cost instance. */
    private static Iterator<Row> entries(Block b, Clouds c, ModelSpec spec, CostSpec cs, LongAccumulator done) {
        PairCost solver = ExecutorModels.solver(spec, "cost/" + cs, PairCost.class, cs::make);
        double[] theta = spec.theta();
        ArrayDeque<Row> buffer = new ArrayDeque<>();
        return new Iterator<>() {
            int i = b.rowFrom();

            @Override
            public boolean hasNext() {
                while (buffer.isEmpty() && i < b.rowTo()) {
                    fill(i++);
                }
                return !buffer.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return buffer.poll();
            }

            private void fill(int row) {
                if (!c.badX()[row].isEmpty()) {
                    for (int k = b.kFrom(); k < b.kTo(); k++) {
                        buffer.add(bad(row, c.order()[k], "source: " + c.badX()[row]));
                    }
                } else {
                    CostMatrices.row(solver, c.xs()[row], c.ys(), c.order(), b.kFrom(), b.kTo(), theta,
                            (j, r) -> buffer.add(RowFactory.create(row, j, r.ok() ? r.value() : null,
                                    CostStatus.of(r.status()).name(), r.detail())));
                }
                if (b.kFrom() == 0) {
                    for (int j : c.badTargets()) {
                        buffer.add(bad(row, j, "target: " + c.badY()[j]));
                    }
                }
                done.add(buffer.size());
            }
        };
    }

    private static Row bad(int i, int j, String why) {
        return RowFactory.create(i, j, null, CostStatus.BAD_INPUT.name(), why);
    }

    private static JobSummary summary(SparkSession spark, String out, OutputFormat format, long total, double seconds,
                                      int tasks, Cloud xs, Cloud ys) {
        Dataset<Row> written = Jobs.read(spark, out, format, schema());
        Map<String, Long> counts = Jobs.counts(written);
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (CostStatus s : CostStatus.values()) {
            if (counts.containsKey(s.name())) {
                ordered.put(s.name(), counts.get(s.name()));
            }
        }
        List<String> bad = new ArrayList<>(xs.badLines());
        bad.addAll(ys.badLines());
        List<String> failed = new ArrayList<>();
        for (Row r : written.filter(functions.col("status").isin(CostStatus.OK.name(), CostStatus.BAD_INPUT.name())
                .unary_$bang()).orderBy("i", "j").limit(JobSummary.LISTED).collectAsList()) {
            failed.add("(" + r.getInt(0) + ", " + r.getInt(1) + "): " + r.getString(3)
                    + (r.getString(4).isEmpty() ? "" : ": " + r.getString(4)));
        }
        long rows = ordered.values().stream().mapToLong(Long::longValue).sum();
        if (rows != total) {
            throw new IllegalStateException("the output has " + rows + " entries for " + total);
        }
        return new JobSummary("cost", "entries", rows, ordered, CostStatus.OK.name(), seconds,
                spark.sparkContext().master(), spark.sparkContext().defaultParallelism(), tasks, bad.size(),
                bad.subList(0, Math.min(bad.size(), JobSummary.LISTED)), failed, out);
    }

    /** The status names in order, for printing. */
    public static List<String> statusOrder() {
        return Arrays.stream(CostStatus.values()).map(Enum::name).toList();
    }
}
