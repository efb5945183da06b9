package geo.spark.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.jar.JarWriter;
import geo.compiler.source.SourceFile;
import geo.runtime.bvp.Batch;
import geo.runtime.bvp.Distances;
import geo.runtime.bvp.Shooting;
import geo.runtime.load.Model;
import geo.runtime.load.Models;
import geo.runtime.transport.CostMatrix;
import geo.runtime.transport.cost.CostMatrices;
import geo.runtime.transport.cost.CostResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both jobs on Spark {@code local[2]} against the single-JVM solvers they distribute: every
 * distance of 2,000 pairs against {@link Batch#distances} (and each logarithm against a
 * sequential {@link Distances}), a 200 × 200 squared geodesic cost matrix and a 6 × 6
 * Lagrangian one against {@link CostMatrices#build} — the same bits, since each pair (each row)
 * is solved by the same calls in the same order — with θ from a parameters file, bad rows kept
 * as rows with their status, and the model jar loaded once in this JVM.
 */
class SparkJobsTest {

    @TempDir
    static Path dir;

    static SparkSession spark;
    static Path jar;
    static Path params;
    static Model model;
    static double[] theta;

    @BeforeAll
    static void start() throws Exception {
        Path source = dir.resolve("bump.geo");
        Files.copy(SparkJobsTest.class.getResourceAsStream("/bump.geo"), source);
        Frontend.Result checked = Frontend.checkFile(source);
        assertTrue(checked.ok(), checked.diagnostics().render());
        jar = dir.resolve("bump.jar");
        JarWriter.write(Compiler.compile(checked.program(), SourceFile.read(source)), jar);
        params = dir.resolve("theta.json");
        Files.writeString(params, "{\"a\": 0.8, \"c\": [0.1, -0.2]}");
        model = Models.load(jar).model("Bump");
        theta = new double[] {0.8, 0.1, -0.2};
        spark = SparkSession.builder().master("local[2]").appName("SparkJobsTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4").getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void distancesMatchTheSingleJvmBatchBitForBit() throws Exception {
        int n = 2000;
        Random rnd = new Random(7);
        double[][] xs = new double[n][2];
        double[][] ys = new double[n][2];
        StringBuilder csv = new StringBuilder("x0,x1,y0,y1\n");
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < 2; i++) {
                xs[k][i] = 2 * rnd.nextDouble() - 1;
                ys[k][i] = 2 * rnd.nextDouble() - 1;
            }
            csv.append(String.format(Locale.ROOT, "%s,%s,%s,%s%n", xs[k][0], xs[k][1], ys[k][0], ys[k][1]));
        }
        // Bad rows, at lines 2002-2005: too few cells, NaN, not a number, a comment (skipped).
        csv.append("0.1,0.2,0.3\n0.1,NaN,0.3,0.4\n0.1,0.2,abc,0.4\n# a comment\n");
        Path pairs = dir.resolve("pairs.csv");
        Files.writeString(pairs, csv);
        // RK4 with 100 steps (geo dist --method rk4): a fifth of DOPRI5's time at 1e-12 on this metric.
        Integrator rk4 = new Integrator("rk4", Integrator.DEFAULT_STEPS, Double.NaN);
        DistanceJob.Options o = new DistanceJob.Options(jar, Optional.empty(), Optional.of(params), rk4, true, 0,
                OutputFormat.PARQUET, false, 0);
        String out = dir.resolve("dist-out").toString();
        JobSummary s = DistanceJob.run(spark, o, pairs.toString(), out, System.err);
        assertEquals(n + 3, s.rows());
        assertEquals(3, s.bad());
        assertEquals(64, s.exitCode());
        assertEquals(List.of(pairs + ":2002: expected 4 cells (the header's columns), got 3",
                pairs + ":2003: x1 is NaN", pairs + ":2004: y0 is not a number: 'abc'"), s.badRows());

        var method = rk4.geodesicMethod(2);
        Batch.Result expected = Batch.distances(() -> new Distances(model, method, Shooting.Options.DEFAULT), xs, ys,
                theta, 2);
        Map<Long, Row> byRow = new HashMap<>();
        for (Row r : spark.read().parquet(out).collectAsList()) {
            byRow.put(r.getLong(0), r);
        }
        assertEquals(n + 3, byRow.size());
        Distances sequential = new Distances(model, method, Shooting.Options.DEFAULT);
        double[] v = new double[2];
        int converged = 0;
        for (int k = 0; k < n; k++) {
            Row r = byRow.get((long) k + 2);
            assertEquals(expected.logs()[k].status().name(), r.getString(2), "pair " + k);
            assertEquals(expected.logs()[k].iterations(), r.getInt(3), "pair " + k);
            assertEquals(expected.logs()[k].residual(), r.getDouble(4), 0.0, "pair " + k);
            if (expected.failed(k)) {
                assertTrue(r.isNullAt(1), "a failed pair has no distance");
                continue;
            }
            converged++;
            assertEquals(Double.doubleToLongBits(expected.distances()[k]), Double.doubleToLongBits(r.getDouble(1)),
                    "pair " + k);
            if (k < 250) {
                // The logarithms of the first pairs (a third solve of every pair would double the test's time).
                sequential.distance(xs[k], ys[k], theta, v, null, false);
                assertEquals(v[0], r.getDouble(7), 0.0, "log of pair " + k);
                assertEquals(v[1], r.getDouble(8), 0.0, "log of pair " + k);
            }
        }
        assertEquals(converged, s.counts().get("CONVERGED"));
        assertTrue(converged > n * 9 / 10, converged + " of " + n + " converged");
        for (long bad = 2002; bad <= 2004; bad++) {
            assertEquals("BAD_INPUT", byRow.get(bad).getString(2));
        }
        assertEquals(1, ExecutorModels.loaded(), "the model jar is loaded once in this JVM");
    }

    @Test
    void parquetPairsAndTheCommandLine() throws Exception {
        List<Row> rows = new java.util.ArrayList<>();
        for (int k = 0; k < 50; k++) {
            rows.add(org.apache.spark.sql.RowFactory.create(0.01 * k, 0.5, -0.3, k == 7 ? null : 0.02 * k));
        }
        var schema = org.apache.spark.sql.types.DataTypes.createStructType(List.of(
                org.apache.spark.sql.types.DataTypes.createStructField("x0", org.apache.spark.sql.types.DataTypes.DoubleType, false),
                org.apache.spark.sql.types.DataTypes.createStructField("x1", org.apache.spark.sql.types.DataTypes.DoubleType, false),
                org.apache.spark.sql.types.DataTypes.createStructField("y0", org.apache.spark.sql.types.DataTypes.DoubleType, false),
                org.apache.spark.sql.types.DataTypes.createStructField("y1", org.apache.spark.sql.types.DataTypes.DoubleType, true)));
        String input = dir.resolve("pairs.parquet").toString();
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(input);
        String out = dir.resolve("parquet-out").toString();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code = geo.spark.GeoSpark.run(new String[] {"dist", jar.toString(), input, "--out", out, "--format", "csv",
            "--params", params.toString(), "--progress", "0", "--master", "local[2]"},
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
        String text = stdout.toString(StandardCharsets.UTF_8);
        assertEquals(64, code, text + stderr);
        assertTrue(text.contains("geo-spark dist: 50 pairs in"), text);
        assertTrue(text.contains("CONVERGED          49"), text);
        assertTrue(stderr.toString(StandardCharsets.UTF_8).contains(input + ": row 8: y1 is null"), stderr.toString());
        Distances solver = new Distances(model, Integrator.DEFAULTS.geodesicMethod(2), Shooting.Options.DEFAULT);
        for (Row r : spark.read().option("header", "true").schema(PairSolve.schema(2, false)).csv(out).collectAsList()) {
            int k = (int) r.getLong(0) - 1;
            if (k == 7) {
                assertEquals("BAD_INPUT", r.getString(2));
                assertNull(r.get(1));
                continue;
            }
            double expected = solver.distance(new double[] {0.01 * k, 0.5}, new double[] {-0.3, 0.02 * k}, theta).value();
            // CSV prints the shortest decimal that reads back as the same double.
            assertEquals(expected, r.getDouble(1), 0.0, "row " + (k + 1));
        }
        // A missing column is a set-up error, exit 64 before any work.
        stderr.reset();
        String oneColumn = dir.resolve("one-column.parquet").toString();
        spark.createDataFrame(rows, schema).select("x0").write().parquet(oneColumn);
        code = geo.spark.GeoSpark.run(new String[] {"dist", jar.toString(), oneColumn,
            "--out", dir.resolve("never").toString(), "--format", "csv", "--master", "local[2]"},
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
        assertEquals(64, code);
        assertTrue(stderr.toString(StandardCharsets.UTF_8).contains("no columns x1, y0, y1"), stderr.toString());
    }

    @Test
    void costMatricesMatchTheSingleJvmBuildBitForBit() throws Exception {
        Random rnd = new Random(11);
        double[][] xs = cloud(rnd, 200, -1);
        double[][] ys = cloud(rnd, 200, 0.5);
        Path source = write("source.csv", xs, "");
        Path target = write("target.csv", ys, "");
        String out = dir.resolve("cost-out").toString();
        CostJob.Options o = new CostJob.Options(jar, Optional.empty(), Optional.of(params), Optional.empty(),
                geo.runtime.transport.cost.SquaredGeodesicCost.Options.STEPS, 0, 0, OutputFormat.PARQUET, false, 0);
        CostJob.Run run = CostJob.run(spark, o, source.toString(), target.toString(), out, System.err);
        assertEquals(0, run.summary().exitCode(), run.summary().toString());
        assertEquals(40_000, run.summary().rows());
        CostMatrix spark = CostEntries.read(SparkJobsTest.spark, out, OutputFormat.PARQUET, 200, 200);
        CostResult single = CostMatrices.build(CostJob.cost(model, CostJob.Kind.GEODESIC,
                geo.runtime.transport.cost.SquaredGeodesicCost.Options.STEPS), xs, ys, theta, 2);
        CostMatrix expected = ((CostResult.Built) single).matrix();
        for (int k = 0; k < 40_000; k++) {
            assertEquals(Double.doubleToLongBits(expected.values()[k]), Double.doubleToLongBits(spark.values()[k]),
                    "entry (" + k / 200 + ", " + k % 200 + ")");
        }
    }

    @Test
    void lagrangianCostsInColumnBlocksAndBadPoints() throws Exception {
        Random rnd = new Random(13);
        double[][] xs = cloud(rnd, 6, -1);
        double[][] ys = cloud(rnd, 6, 0.5);
        Path source = write("lsource.csv", xs, "");
        Path target = write("ltarget.csv", ys, "0.1,NaN\n");
        CostJob.Options o = new CostJob.Options(jar, Optional.empty(), Optional.of(params),
                Optional.of(CostJob.Kind.LAGRANGIAN), geo.runtime.transport.cost.SquaredGeodesicCost.Options.STEPS, 4,
                0, OutputFormat.PARQUET, false, 0);
        String out = dir.resolve("lagrangian-out").toString();
        CostJob.Run run = CostJob.run(spark, o, source.toString(), target.toString(), out, System.err);
        assertEquals(6 * 7, run.summary().rows());
        assertEquals(6, run.summary().bad(), "the bad target's column");
        assertEquals(List.of(target + ":8: x1 is NaN"), run.summary().badRows());
        CostResult single = CostMatrices.build(CostJob.cost(model, CostJob.Kind.LAGRANGIAN, 0), xs, ys, theta, 1);
        CostMatrix expected = ((CostResult.Built) single).matrix();
        int checked = 0;
        for (Row r : spark.read().parquet(out).collectAsList()) {
            int i = r.getInt(0);
            int j = r.getInt(1);
            if (j == 6) {
                assertEquals("BAD_INPUT", r.getString(3));
                continue;
            }
            assertEquals("OK", r.getString(3));
            assertEquals(Double.doubleToLongBits(expected.get(i, j)), Double.doubleToLongBits(r.getDouble(2)));
            checked++;
        }
        assertEquals(36, checked);

        // Column blocks: the stretches after the first start cold, so equal within the solver's tolerance only.
        o = new CostJob.Options(jar, Optional.empty(), Optional.of(params), Optional.of(CostJob.Kind.GEODESIC),
                geo.runtime.transport.cost.SquaredGeodesicCost.Options.STEPS, 3, 2, OutputFormat.PARQUET, false, 0);
        Path target2 = write("ltarget2.csv", ys, "");
        out = dir.resolve("blocks-out").toString();
        run = CostJob.run(spark, o, source.toString(), target2.toString(), out, System.err);
        assertEquals(0, run.summary().exitCode());
        assertEquals(6, run.summary().partitions(), "2 row blocks × 3 column blocks");
        CostMatrix blocked = CostEntries.read(spark, out, OutputFormat.PARQUET, 6, 6);
        CostMatrix whole = ((CostResult.Built) CostMatrices.build(CostJob.cost(model, CostJob.Kind.GEODESIC,
                geo.runtime.transport.cost.SquaredGeodesicCost.Options.STEPS), xs, ys, theta, 1)).matrix();
        for (int k = 0; k < 36; k++) {
            assertEquals(whole.values()[k], blocked.values()[k], 1e-8 * Math.max(1, whole.values()[k]), "entry " + k);
        }
    }

    private static double[][] cloud(Random rnd, int n, double centre) {
        double[][] p = new double[n][2];
        for (double[] q : p) {
            q[0] = centre + 0.4 * rnd.nextGaussian();
            q[1] = 0.4 * rnd.nextGaussian();
        }
        return p;
    }

    private static Path write(String name, double[][] p, String extra) throws Exception {
        StringBuilder s = new StringBuilder("x0,x1\n");
        for (double[] q : p) {
            s.append(q[0]).append(',').append(q[1]).append('\n');
        }
        Path f = dir.resolve(name);
        Files.writeString(f, s + extra);
        return f;
    }
}
