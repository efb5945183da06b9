package geo.runtime.transport;

/**
 * A transport plan π between n source and m target points in coordinate form: entry k moves
 * {@code mass[k]} from source {@code from[k]} to target {@code to[k]}. Exact plans are sparse (at
 * most n + m − 1 entries); entropic plans list every entry above a threshold. The arrays are
 * owned by the plan; do not modify them.
 */
public record TransportPlan(int rows, int cols, int[] from, int[] to, double[] mass) {

    public TransportPlan {
        if (from.length != to.length || to.length != mass.length) {
            throw new IllegalArgumentException("plan arrays differ in length: " + from.length + ", " + to.length
                    + ", " + mass.length);
        }
    }

    /** The number of entries. */
    public int size() {
        return mass.length;
    }

    /** Σ_k mass[k] · C[from[k]][to[k]]. */
    public double cost(CostMatrix c) {
        double s = 0;
        for (int k = 0; k < mass.length; k++) {
            s += mass[k] * c.get(from[k], to[k]);
        }
        return s;
    }

    /** The plan as a dense n × m row-major array. */
    public double[] dense() {
        double[] p = new double[rows * cols];
        for (int k = 0; k < mass.length; k++) {
            p[from[k] * cols + to[k]] += mass[k];
        }
        return p;
    }
}
