package geo.compiler.check;

/**
 * The static shape of a value: a scalar, a vector of length n (a column when multiplied), or an
 * m×n matrix.
 *
 * @param rank 0, 1 or 2
 * @param rows length of a vector, rows of a matrix, 1 for a scalar
 * @param cols columns of a matrix, 1 otherwise
 */
public record Shape(int rank, int rows, int cols) {

    public static final Shape SCALAR = new Shape(0, 1, 1);

    // equals and hashCode written out (the same as a record's): the generated ones link through
    // java.lang.runtime.ObjectMethods at first use, which spins method-handle classes that the
    // start-up archive cannot hold; every `geo check` compares shapes.
    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && rank == s.rank && rows == s.rows && cols == s.cols;
    }

    @Override
    public int hashCode() {
        return (31 * Integer.hashCode(rank) + Integer.hashCode(rows)) * 31 + Integer.hashCode(cols);
    }

    public static Shape vector(int n) {
        return new Shape(1, n, 1);
    }

    public static Shape matrix(int m, int n) {
        return new Shape(2, m, n);
    }

    public boolean isScalar() {
        return rank == 0;
    }

    public boolean isVector() {
        return rank == 1;
    }

    public boolean isMatrix() {
        return rank == 2;
    }

    public boolean isSquare() {
        return rank == 2 && rows == cols;
    }

    /** Number of scalar elements (at most {@link Limits#MAX_ELEMENTS} for every checked shape). */
    public int size() {
        return Math.multiplyExact(rows, cols);
    }

    /** In words, for messages: "a scalar", "a vector of length 3", "a 2×3 matrix". */
    public String describe() {
        switch (rank) {
            case 0: return "a scalar";
            case 1: return "a vector of length " + rows;
            default: return "a " + rows + "×" + cols + " matrix";
        }
    }

    /** As declared in source: "" for a scalar, "[3]", "[2, 3]". */
    @Override
    public String toString() {
        switch (rank) {
            case 0: return "scalar";
            case 1: return "[" + rows + "]";
            default: return "[" + rows + ", " + cols + "]";
        }
    }
}
