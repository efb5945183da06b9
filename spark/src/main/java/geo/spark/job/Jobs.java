package geo.spark.job;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/** What the jobs share: checking the input and output paths, writing and reading back the dataset, counting by status. */
final class Jobs {

    private Jobs() {
    }

    /** The input must exist (on whatever file system its URI names). */
    static void requireInput(SparkSession spark, String input) throws JobException {
        if (!exists(spark, input)) {
            throw new JobException("cannot read " + input + ": no such file or directory");
        }
    }

    /** An existing output is replaced only when asked. */
    static void checkOutput(SparkSession spark, String out, boolean overwrite) throws JobException {
        if (!overwrite && exists(spark, out)) {
            throw new JobException(out + " exists; remove it or pass --overwrite");
        }
    }

    private static boolean exists(SparkSession spark, String path) throws JobException {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            return fs.exists(p);
        } catch (IOException | IllegalArgumentException e) {
            throw new JobException("cannot access " + path + ": " + e.getMessage());
        }
    }

    static void write(Dataset<Row> rows, String out, OutputFormat format, boolean overwrite) {
        var w = rows.write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists);
        switch (format) {
            case PARQUET -> w.parquet(out);
            case CSV -> w.option("header", "true").csv(out);
        }
    }

    static Dataset<Row> read(SparkSession spark, String out, OutputFormat format, StructType schema) {
        return switch (format) {
            case PARQUET -> spark.read().parquet(out);
            case CSV -> spark.read().option("header", "true").schema(schema).csv(out);
        };
    }

    /** Rows by the value of their {@code status} column. */
    static Map<String, Long> counts(Dataset<Row> rows) {
        Map<String, Long> out = new HashMap<>();
        for (Row r : rows.groupBy("status").count().collectAsList()) {
            out.put(r.getString(0), r.getLong(1));
        }
        return out;
    }
}
