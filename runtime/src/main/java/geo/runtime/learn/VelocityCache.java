package geo.runtime.learn;

import java.util.Arrays;

/**
 * The last converged log_x(y) of every pair, for warm starts: one slot of length d per pair index,
 * made on the pair's first store. Shared by the {@link ModelSpace} instances of one training run.
 *
 * <p>The slot table grows under a lock; a slot's contents are read and written without one,
 * because the {@link EmbeddingSpace} contract gives each pair to one thread per epoch and the
 * trainer's end-of-epoch join orders one epoch's writes before the next epoch's reads. Growing
 * copies slot references, never contents, so a write into a slot is never lost to a resize.
 */
final class VelocityCache {

    private final int d;
    private volatile double[][] slots = new double[0][];

    VelocityCache(int d) {
        this.d = d;
    }

    /**
     * Copies the stored velocity of {@code pair} into {@code out} (length d, overwritten when found).
     *
     * @return whether the pair has a stored velocity
     */
    boolean load(int pair, double[] out) {
        double[][] table = slots;
        double[] slot = pair < table.length ? table[pair] : null;
        if (slot == null) {
            return false;
        }
        System.arraycopy(slot, 0, out, 0, d);
        return true;
    }

    /** Stores {@code v} (length d, read) as the velocity of {@code pair}. */
    void store(int pair, double[] v) {
        double[][] table = slots;
        double[] slot = pair < table.length ? table[pair] : null;
        if (slot == null) {
            slot = newSlot(pair);
        }
        System.arraycopy(v, 0, slot, 0, d);
    }

    /** Forgets every stored velocity (for a new run with other positions). */
    synchronized void clear() {
        slots = new double[0][];
    }

    private synchronized double[] newSlot(int pair) {
        double[][] table = slots;
        if (pair >= table.length) {
            table = Arrays.copyOf(table, Math.max(pair + 1, 2 * table.length));
        }
        if (table[pair] == null) {
            table[pair] = new double[d];
        }
        slots = table;
        return table[pair];
    }
}
