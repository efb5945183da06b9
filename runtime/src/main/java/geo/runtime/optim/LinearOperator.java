package geo.runtime.optim;

/**
 * A linear map y = A v on Rⁿ, given only by its products (matrix-free): a Hessian through
 * Hessian–vector products, a dense matrix in tests. {@link ConjugateGradient} solves with it.
 */
@FunctionalInterface
public interface LinearOperator {

    /**
     * y = A v.
     *
     * @param v   the vector (read only)
     * @param out receives A v (same length, overwritten; never the same array as v)
     */
    void apply(double[] v, double[] out);

    /** The operator of a dense row-major n×n matrix (tests, small problems). */
    static LinearOperator dense(double[][] a) {
        return (v, out) -> {
            for (int i = 0; i < a.length; i++) {
                double s = 0;
                for (int j = 0; j < v.length; j++) {
                    s += a[i][j] * v[j];
                }
                out[i] = s;
            }
        };
    }
}
