package geo.spark.job;

import geo.runtime.transport.Assignment;
import geo.runtime.transport.CostMatrix;
import geo.runtime.transport.ExactResult;
import geo.runtime.transport.NetworkSimplex;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads a cost job's dataset back on the driver, for the single-JVM transport solvers
 * ({@code geo.runtime.transport}): every entry must be there once, and the matrix exists only when
 * every entry is OK (a matrix with holes is never built, as in
 * {@link geo.runtime.transport.cost.CostResult}). Entries stream to the driver one partition at a
 * time ({@code toLocalIterator}), so the driver holds the n·m doubles and not the rows.
 */
public final class CostEntries {

    private CostEntries() {
    }

    /** The n × m matrix of a cost dataset; a failed or missing entry is an error naming it. */
    public static CostMatrix read(SparkSession spark, String dir, OutputFormat format, int n, int m)
            throws JobException {
        Dataset<Row> rows = Jobs.read(spark, dir, format, CostJob.schema()).select("i", "j", "cost", "status");
        double[] values = new double[n * m];
        boolean[] seen = new boolean[n * m];
        Iterator<Row> it = rows.toLocalIterator();
        while (it.hasNext()) {
            Row r = it.next();
            int i = r.getInt(0);
            int j = r.getInt(1);
            if (i < 0 || i >= n || j < 0 || j >= m) {
                throw new JobException(dir + ": entry (" + i + ", " + j + ") is outside the " + n + " × " + m + " matrix");
            }
            if (!r.getString(3).equals(CostStatus.OK.name())) {
                throw new JobException(dir + ": entry (" + i + ", " + j + ") is " + r.getString(3)
                        + "; the matrix has failed entries");
            }
            if (seen[i * m + j]) {
                throw new JobException(dir + ": entry (" + i + ", " + j + ") is there twice");
            }
            seen[i * m + j] = true;
            values[i * m + j] = r.getDouble(2);
        }
        for (int k = 0; k < seen.length; k++) {
            if (!seen[k]) {
                throw new JobException(dir + ": entry (" + k / m + ", " + k % m + ") is missing");
            }
        }
        return new CostMatrix(n, m, values);
    }

    /**
     * The exact optimal transport between the clouds' weights on a read-back matrix, as
     * {@code geo ot --solver exact}: the assignment solver for n = m with uniform weights, the
     * network simplex otherwise.
     */
    public static ExactResult solve(CostMatrix c, double[] a, double[] b) {
        boolean uniformSquare = c.rows() == c.cols() && Arrays.stream(a).allMatch(w -> w == a[0])
                && Arrays.stream(b).allMatch(w -> w == b[0]) && a[0] == b[0];
        return uniformSquare ? Assignment.solve(c) : NetworkSimplex.solve(c, a, b);
    }
}
