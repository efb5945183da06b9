package geo.runtime.learn.taskmet;

/**
 * One split of a decision problem: {@code count} instances, each a block of {@code rows} rows (items
 * or stocks) with {@code features} inputs and {@code targets} outputs per row; the predictor and the
 * metric act per row (TaskMet's {@code MetricNN} is applied row-wise).
 *
 * @param rows     rows per instance
 * @param features F, inputs per row
 * @param targets  d, targets per row
 * @param x        x[i] = the rows·F features of instance i, row-major
 * @param y        y[i] = the rows·d targets of instance i, row-major
 * @param extra    per-instance data of the decision (Portfolio: Q = 2α LᵀL, row-major); empty arrays when none
 */
public record Instances(int rows, int features, int targets, double[][] x, double[][] y, double[][] extra) {

    public Instances {
        if (x.length != y.length || x.length != extra.length) {
            throw new IllegalArgumentException("x, y and extra must have one entry per instance");
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != rows * features || y[i].length != rows * targets) {
                throw new IllegalArgumentException("instance " + i + " does not have " + rows + " rows of " + features
                        + " features and " + targets + " targets");
            }
        }
    }

    /** The number of instances. */
    public int count() {
        return x.length;
    }

    /** Instances [from, to) of this split. */
    public Instances slice(int from, int to) {
        return new Instances(rows, features, targets, java.util.Arrays.copyOfRange(x, from, to),
                java.util.Arrays.copyOfRange(y, from, to), java.util.Arrays.copyOfRange(extra, from, to));
    }

    /** Instances with no extra data. */
    public static Instances of(int rows, int features, int targets, double[][] x, double[][] y) {
        return new Instances(rows, features, targets, x, y, new double[x.length][0]);
    }
}
