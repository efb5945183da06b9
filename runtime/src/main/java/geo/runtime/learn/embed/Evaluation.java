package geo.runtime.learn.embed;

import java.util.Locale;

/**
 * How the reported metrics' distances were computed: by the training solver itself (a closed-form
 * space: exact to rounding), or, for a space whose distances come from a discretised solver, on
 * finer resolutions until the metrics settled: the same in their first {@value #DIGITS} decimals
 * and with the same number of failed pairs at two successive resolutions.
 *
 * @param training    the training resolution ("RK4 × 16"), empty for a closed-form space
 * @param reported    the resolution of the reported distances, empty for a closed-form space
 * @param refinements how many times the resolution was doubled (0 for a closed-form space)
 * @param settled     whether the metrics agreed with the previous resolution's (true when exact)
 */
public record Evaluation(String training, String reported, int refinements, boolean settled) {

    /** Decimals of the metrics that must agree between successive resolutions (as the reports print them). */
    public static final int DIGITS = 4;

    /** Distances of a closed-form space. */
    static Evaluation exact() {
        return new Evaluation("", "", 0, true);
    }

    /** Whether the distances were exact (a closed-form space), not refined. */
    public boolean exactSpace() {
        return refinements == 0;
    }

    /** Whether the two sets of metrics print the same to {@link #DIGITS} decimals and fail the same pairs. */
    static boolean agree(EmbeddingMetrics a, EmbeddingMetrics b) {
        return a.failedPairs() == b.failedPairs()
                && round(a.worstCaseDistortion()).equals(round(b.worstCaseDistortion()))
                && round(a.averageDistortion()).equals(round(b.averageDistortion()))
                && round(a.meanAveragePrecision()).equals(round(b.meanAveragePrecision()));
    }

    private static String round(double v) {
        return String.format(Locale.ROOT, "%." + DIGITS + "f", v);
    }
}
