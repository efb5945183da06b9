package geo.runtime.manifold.compiled;

import geo.runtime.manifold.EmbeddingSpace;
import java.util.Arrays;

/**
 * The last converged log_x(y) of every pair, the Jacobian ∂exp_x/∂v its solve ended with and the
 * refinement level the pair's solves start at ({@link ModelSpace}), for warm starts: one slot
 * of length d + d² + 2 per pair index (the last entry says whether v and the Jacobian are set),
 * made on the pair's first store. Shared by
 * the {@link ModelSpace} instances of one training run.
 *
 * <p>The slot table grows under a lock; a slot's contents are read and written without one,
 * because the {@link EmbeddingSpace} contract gives each pair to one thread per epoch and the
 * trainer's end-of-epoch join orders one epoch's writes before the next epoch's reads. Growing
 * copies slot references, never contents, so a write into a slot is never lost to a resize.
 */
final class WarmStarts {

    private final int d;
    private volatile double[][] slots = new double[0][];

    WarmStarts(int d) {
        this.d = d;
    }

    /**
     * Copies the stored velocity and Jacobian of {@code pair} into {@code v} (length d) and
     * {@code jac} (length d²), overwritten when found.
     *
     * @return whether the pair has a stored warm start
     */
    boolean load(int pair, double[] v, double[] jac) {
        double[][] table = slots;
        double[] slot = pair < table.length ? table[pair] : null;
        if (slot == null || slot[d + d * d + 1] == 0) {
            return false;
        }
        System.arraycopy(slot, 0, v, 0, d);
        System.arraycopy(slot, d, jac, 0, d * d);
        return true;
    }

    /** Whether {@code pair} has a stored velocity and Jacobian. */
    boolean has(int pair) {
        double[][] table = slots;
        double[] slot = pair < table.length ? table[pair] : null;
        return slot != null && slot[d + d * d + 1] != 0;
    }

    /** The refinement level {@code pair} last converged at, 0 when it has none. */
    int level(int pair) {
        double[][] table = slots;
        double[] slot = pair < table.length ? table[pair] : null;
        return slot == null ? 0 : (int) slot[d + d * d];
    }

    /**
     * Stores {@code v} (length d), {@code jac} (length d²), both read, and the refinement level as
     * the warm start of {@code pair}.
     */
    void store(int pair, double[] v, double[] jac, int level) {
        double[][] table = slots;
        double[] slot = pair < table.length ? table[pair] : null;
        if (slot == null) {
            slot = newSlot(pair);
        }
        System.arraycopy(v, 0, slot, 0, d);
        System.arraycopy(jac, 0, slot, d, d * d);
        slot[d + d * d] = level;
        slot[d + d * d + 1] = 1;
    }

    /** Makes {@code pair}'s solves start at {@code level} from now on, keeping its warm start (if any). */
    void raiseLevel(int pair, int level) {
        double[][] table = slots;
        double[] slot = pair < table.length ? table[pair] : null;
        if (slot == null) {
            slot = newSlot(pair);
        }
        slot[d + d * d] = Math.max(slot[d + d * d], level);
    }

    /** A cache of its own with the same contents (each slot copied). */
    synchronized WarmStarts copy() {
        WarmStarts c = new WarmStarts(d);
        double[][] table = slots;
        double[][] out = new double[table.length][];
        for (int k = 0; k < table.length; k++) {
            out[k] = table[k] == null ? null : table[k].clone();
        }
        c.slots = out;
        return c;
    }

    /** Forgets every warm start (for a new run with other positions). */
    synchronized void clear() {
        slots = new double[0][];
    }

    private synchronized double[] newSlot(int pair) {
        double[][] table = slots;
        if (pair >= table.length) {
            table = Arrays.copyOf(table, Math.max(pair + 1, 2 * table.length));
        }
        if (table[pair] == null) {
            table[pair] = new double[d + d * d + 2];
        }
        slots = table;
        return table[pair];
    }
}
