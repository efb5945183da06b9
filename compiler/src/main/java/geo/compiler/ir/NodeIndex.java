package geo.compiler.ir;

import java.util.Arrays;

/**
 * A map from nodes to small non-negative ints keyed on {@link Node#id()}, with no boxing and no
 * per-entry objects. It starts as an open-addressing table; when told the largest id it will
 * see and the entries reach an eighth of that range, it switches to a plain array indexed by
 * id, so traversals of large DAGs cost an array access per lookup while small DAGs in a large
 * factory stay small.
 */
public final class NodeIndex {

    private static final int DENSE_FRACTION = 8;

    private final int maxId;
    private int[] keys;
    private int[] values;
    private int[] dense;
    private int size;

    /** An empty index sized for about {@code expected} entries. */
    public NodeIndex(int expected) {
        this(expected, -1);
    }

    /**
     * An empty index for nodes with ids at most {@code maxId} (−1 if unknown, which keeps it a
     * hash table). A DAG's largest id is its largest root id, since children are made first.
     */
    public NodeIndex(int expected, int maxId) {
        this.maxId = maxId;
        int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        keys = new int[cap];
        values = new int[cap];
        Arrays.fill(keys, -1);
    }

    /** Number of entries. */
    public int size() {
        return size;
    }

    /** The value stored for {@code n}, or −1 if there is none. */
    public int get(Node n) {
        int id = n.id();
        if (dense != null) {
            return id < dense.length ? dense[id] - 1 : -1;
        }
        int mask = keys.length - 1;
        for (int i = mix(id) & mask; keys[i] != -1; i = (i + 1) & mask) {
            if (keys[i] == id) {
                return values[i];
            }
        }
        return -1;
    }

    /** Stores {@code value} (≥ 0) for {@code n}, replacing any previous value. */
    public void put(Node n, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative value " + value);
        }
        int id = n.id();
        if (dense != null) {
            if (id >= dense.length) {
                throw new IllegalArgumentException("node id " + id + " above the declared maximum " + maxId);
            }
            if (dense[id] == 0) {
                size++;
            }
            dense[id] = value + 1;
            return;
        }
        int mask = keys.length - 1;
        int i = mix(id) & mask;
        while (keys[i] != -1) {
            if (keys[i] == id) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = id;
        values[i] = value;
        size++;
        if (maxId >= 0 && (long) size * DENSE_FRACTION > maxId) {
            toDense();
        } else if (size * 2 > keys.length) {
            rehash();
        }
    }

    private void toDense() {
        dense = new int[maxId + 1];
        for (int j = 0; j < keys.length; j++) {
            if (keys[j] != -1) {
                dense[keys[j]] = values[j] + 1;
            }
        }
        keys = null;
        values = null;
    }

    private void rehash() {
        int[] oldKeys = keys;
        int[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(keys, -1);
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != -1) {
                int i = mix(oldKeys[j]) & mask;
                while (keys[i] != -1) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }

    private static int mix(int id) {
        int x = id * 0x9E3779B9;
        return x ^ (x >>> 15);
    }
}
