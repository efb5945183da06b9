package geo.runtime.transport;

/** The checks every solver makes of its weights, with one wording of each failure. */
final class Weights {

    /** Masses must agree to this, relative to the larger. */
    static final double MASS_TOLERANCE = 1e-12;

    private Weights() {
    }

    /**
     * Checks weights a (n, the rows) and b (m, the columns): the right lengths, every weight finite
     * and ≥ 0, positive totals that agree to {@value #MASS_TOLERANCE} relative.
     *
     * @return {Σa, Σb}
     * @throws IllegalArgumentException naming the first violation
     */
    static double[] check(double[] a, double[] b, int rows, int cols) {
        double sa = mass("a", a, rows, "rows");
        double sb = mass("b", b, cols, "columns");
        if (Math.abs(sa - sb) > MASS_TOLERANCE * Math.max(sa, sb)) {
            throw new IllegalArgumentException("the weights must have equal total mass: Σa = " + sa + ", Σb = " + sb
                    + " (relative difference " + Math.abs(sa - sb) / Math.max(sa, sb) + " > " + MASS_TOLERANCE + ")");
        }
        return new double[] {sa, sb};
    }

    private static double mass(String name, double[] w, int expected, String what) {
        if (w.length != expected) {
            throw new IllegalArgumentException("weights " + name + " have " + w.length + " entries, the cost matrix has "
                    + expected + " " + what);
        }
        double s = 0;
        for (int k = 0; k < w.length; k++) {
            if (!Double.isFinite(w[k]) || w[k] < 0) {
                throw new IllegalArgumentException("weight " + name + "[" + k + "] is " + w[k]
                        + "; weights must be finite and non-negative");
            }
            s += w[k];
        }
        if (!(s > 0)) {
            throw new IllegalArgumentException("weights " + name + " have total mass 0");
        }
        return s;
    }
}
