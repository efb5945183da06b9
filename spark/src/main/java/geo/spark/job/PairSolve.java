package geo.spark.job;

import geo.runtime.api.DomainException;
import geo.runtime.api.MetricCheck;
import geo.runtime.bvp.Distances;
import geo.runtime.ode.IntegrationException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One pair's distance as an output row. The solve is {@code geo dist --pairs}'s
 * ({@link geo.runtime.bvp.Batch}): {@link Distances#distance} from a cold start, so a pair's
 * numbers do not depend on which task or thread solved it, nor on the pairs before it. What
 * {@code geo dist} reports as an error for the whole file (a point outside the chart, an
 * indefinite metric, an integration failure) is here the status of that row alone.
 */
final class PairSolve {

    private PairSolve() {
    }

    /**
     * The output columns: {@code row, dist, status, iterations, residual, error, detail}, then
     * {@code v0…v(d−1)} (the logarithm log_x(y)) when asked. dist, residual, error and v are null
     * where there is no such number (a failed or unread pair), never NaN.
     */
    static StructType schema(int d, boolean withLog) {
        List<StructField> f = new ArrayList<>(List.of(
                DataTypes.createStructField("row", DataTypes.LongType, false),
                DataTypes.createStructField("dist", DataTypes.DoubleType, true),
                DataTypes.createStructField("status", DataTypes.StringType, false),
                DataTypes.createStructField("iterations", DataTypes.IntegerType, false),
                DataTypes.createStructField("residual", DataTypes.DoubleType, true),
                DataTypes.createStructField("error", DataTypes.DoubleType, true),
                DataTypes.createStructField("detail", DataTypes.StringType, false)));
        if (withLog) {
            for (int k = 0; k < d; k++) {
                f.add(DataTypes.createStructField("v" + k, DataTypes.DoubleType, true));
            }
        }
        return DataTypes.createStructType(f);
    }

    /**
     * Solves one pair with this thread's solver.
     *
     * @param logV scratch of length d: the logarithm on return
     */
    static Row solve(PairInput p, Distances solver, double[] theta, boolean withLog, double[] logV) {
        int d = logV.length;
        Object[] out = new Object[7 + (withLog ? d : 0)];
        out[0] = p.row();
        out[3] = 0;
        if (!p.readable()) {
            return fill(out, PairStatus.BAD_INPUT, p.bad());
        }
        try {
            Distances.Distance r = solver.distance(p.x(), p.y(), theta, logV, null, false);
            out[3] = r.log().iterations();
            out[4] = finite(r.log().residual());
            out[5] = finite(r.error());
            out[6] = r.log().detail();
            out[2] = PairStatus.of(r.log().status()).name();
            if (r.converged()) {
                out[1] = r.value();
                if (withLog) {
                    for (int k = 0; k < d; k++) {
                        out[7 + k] = logV[k];
                    }
                }
            }
            return RowFactory.create(out);
        } catch (DomainException e) {
            return fill(out, PairStatus.OUTSIDE_DOMAIN, e.getMessage());
        } catch (MetricCheck.IndefiniteMetricException e) {
            return fill(out, PairStatus.INDEFINITE_METRIC, e.getMessage());
        } catch (IntegrationException | ArithmeticException e) {
            return fill(out, PairStatus.INTEGRATION_FAILED, String.valueOf(e.getMessage()));
        }
    }

    private static Row fill(Object[] out, PairStatus status, String detail) {
        out[2] = status.name();
        out[6] = detail;
        return RowFactory.create(out);
    }

    private static Double finite(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
