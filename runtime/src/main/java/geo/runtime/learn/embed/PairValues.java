package geo.runtime.learn.embed;

import geo.runtime.manifold.PairDistance;
import java.util.Arrays;

/**
 * One number per pair (an embedded distance d_M, or a distance's estimated error) of which some
 * pairs have none: a pair either has its value or failed, and a failed pair keeps the
 * {@link PairDistance} that says why (its status and reason). A failed pair's value cannot be read
 * ({@link #value} throws), so no caller can take a failure for a number; the metrics, bounds and
 * objectives of this package leave the failed pairs out and count them ({@link #failedCount()}).
 *
 * <p>Pairs are numbered as the caller numbers them ({@link geo.runtime.data.graph.ShortestPaths#pairIndex}
 * for a whole graph, or the positions in a list of pairs). Not thread-safe as a whole, but threads
 * may {@link #set} distinct pairs at once (each pair is its own array slot). A new instance has
 * every pair failed as not yet evaluated ({@link PairDistance.Status#SKIPPED}).
 */
public final class PairValues {

    /** The failure of a pair that no one has set yet. */
    private static final PairDistance NOT_EVALUATED = PairDistance.failed(PairDistance.Status.SKIPPED, "not evaluated");

    /** The values of the computed pairs (the slot of a failed pair is never read). */
    private final double[] values;
    /** The failure of each failed pair; null exactly where the pair has its value. */
    private final PairDistance[] failures;

    /** {@code size} pairs, none evaluated yet. */
    public PairValues(int size) {
        values = new double[size];
        failures = new PairDistance[size];
        Arrays.fill(failures, NOT_EVALUATED);
    }

    private PairValues(double[] values, PairDistance[] failures) {
        this.values = values;
        this.failures = failures;
    }

    /**
     * Every pair computed, with these values (copied).
     *
     * @throws IllegalArgumentException when a value is NaN (a failed pair is {@link #set} as a failure, not as a number)
     */
    public static PairValues of(double... values) {
        PairValues out = new PairValues(values.clone(), new PairDistance[values.length]);
        for (int k = 0; k < values.length; k++) {
            requireNumber(k, values[k]);
        }
        return out;
    }

    /** How many pairs there are. */
    public int size() {
        return values.length;
    }

    /** Whether pair k has no value. */
    public boolean isFailed(int k) {
        return failures[k] != null;
    }

    /**
     * Pair k's value.
     *
     * @throws IllegalStateException when pair k failed (there is no number to read)
     */
    public double value(int k) {
        if (failures[k] != null) {
            throw new IllegalStateException("pair " + k + " has no value: " + failures[k]);
        }
        return values[k];
    }

    /**
     * Pair k as a {@link PairDistance}: its value (which must then be finite, as a distance's is), or its
     * failure with the status and reason it was set with.
     */
    public PairDistance get(int k) {
        return failures[k] != null ? failures[k] : PairDistance.of(values[k]);
    }

    /** How many pairs failed. */
    public int failedCount() {
        int n = 0;
        for (PairDistance f : failures) {
            n += f != null ? 1 : 0;
        }
        return n;
    }

    /** Sets pair k to the outcome {@code d}: its value when it is OK, else the failure. */
    public void set(int k, PairDistance d) {
        if (d.ok()) {
            values[k] = d.value();
            failures[k] = null;
        } else {
            failures[k] = d;
        }
    }

    /**
     * Sets pair k to the value v (a distance is finite; an error bound may be +∞).
     *
     * @throws IllegalArgumentException when v is NaN
     */
    public void set(int k, double v) {
        requireNumber(k, v);
        values[k] = v;
        failures[k] = null;
    }

    /** Sets pair k to pair j of {@code from} (its value or its failure). */
    void copy(int k, PairValues from, int j) {
        values[k] = from.values[j];
        failures[k] = from.failures[j];
    }

    /** The pairs {@code which}, in that order, as pairs 0, 1, … of a new instance. */
    PairValues pick(int[] which) {
        PairValues out = new PairValues(new double[which.length], new PairDistance[which.length]);
        for (int i = 0; i < which.length; i++) {
            out.copy(i, this, which[i]);
        }
        return out;
    }

    /** Sets pair {@code which[i]} of this to pair i of {@code from}, for every i. */
    void scatter(int[] which, PairValues from) {
        for (int i = 0; i < which.length; i++) {
            copy(which[i], from, i);
        }
    }

    @Override
    public String toString() {
        return "PairValues[" + values.length + " pairs, " + failedCount() + " failed]";
    }

    private static void requireNumber(int k, double v) {
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException("pair " + k + ": a value must be a number, got " + v
                    + " (a pair without one is set as a failure)");
        }
    }
}
