package geo.runtime.data.graph;

import java.util.HashMap;
import java.util.Map;

/** Generated graphs with known structure, for tests and synthetic benchmarks. */
public final class Graphs {

    /**
     * The 20 faces of an icosahedron over vertices 0..11 (the usual golden-rectangle numbering);
     * only the combinatorics matter here, the coordinates are never needed.
     */
    private static final int[][] ICOSAHEDRON = {
            {0, 11, 5}, {0, 5, 1}, {0, 1, 7}, {0, 7, 10}, {0, 10, 11},
            {1, 5, 9}, {5, 11, 4}, {11, 10, 2}, {10, 7, 6}, {7, 1, 8},
            {3, 9, 4}, {3, 4, 2}, {3, 2, 6}, {3, 6, 8}, {3, 8, 9},
            {4, 9, 5}, {2, 4, 11}, {6, 2, 10}, {8, 6, 7}, {9, 8, 1},
    };

    private Graphs() {
    }

    /**
     * The complete {@code branching}-ary tree of the given depth: (b^(depth+1) − 1)/(b − 1) nodes
     * (depth + 1 for b = 1), numbered breadth first, so node u's children are
     * u·b + 1, …, u·b + b and the root is 0.
     */
    public static Graph balancedTree(int branching, int depth) {
        if (branching < 1 || depth < 0) {
            throw new IllegalArgumentException("need branching ≥ 1 and depth ≥ 0, got " + branching + ", " + depth);
        }
        long nodes = 1;
        long level = 1;
        for (int k = 0; k < depth; k++) {
            level *= branching;
            nodes += level;
            if (nodes > EdgeLists.MAX_NODE_ID) {
                throw new IllegalArgumentException("a tree of branching " + branching + " and depth " + depth
                        + " has more than " + EdgeLists.MAX_NODE_ID + " nodes");
            }
        }
        Graph.Builder b = new Graph.Builder((int) nodes);
        for (int v = 1; v < nodes; v++) {
            b.edge((v - 1) / branching, v);
        }
        return b.build();
    }

    /** The cycle C_n: node k is joined to k ± 1 mod n (n ≥ 3). */
    public static Graph cycle(int n) {
        if (n < 3) {
            throw new IllegalArgumentException("a cycle needs at least 3 nodes, got " + n);
        }
        Graph.Builder b = new Graph.Builder(n);
        for (int k = 0; k < n; k++) {
            b.edge(k, (k + 1) % n);
        }
        return b.build();
    }

    /**
     * The grid (lattice) graph with {@code sizes[a]} nodes along axis a, in any number of
     * dimensions. Node (c₀, c₁, …) has index c₀ + sizes[0]·(c₁ + sizes[1]·(…)), and is joined to
     * the nodes that differ by one in one coordinate; d_G is the Manhattan distance.
     */
    public static Graph grid(int... sizes) {
        if (sizes.length == 0) {
            throw new IllegalArgumentException("a grid needs at least one axis");
        }
        long n = 1;
        for (int s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException("grid sizes must be ≥ 1, got " + s);
            }
            n *= s;
            if (n > EdgeLists.MAX_NODE_ID) {
                throw new IllegalArgumentException("grid has more than " + EdgeLists.MAX_NODE_ID + " nodes");
            }
        }
        Graph.Builder b = new Graph.Builder((int) n);
        for (int u = 0; u < n; u++) {
            int stride = 1;
            int rest = u;
            for (int s : sizes) {
                if (rest % s + 1 < s) {
                    b.edge(u, u + stride);
                }
                rest /= s;
                stride *= s;
            }
        }
        return b.build();
    }

    /**
     * The edge graph of an icosahedron whose triangles are each split into four, {@code
     * subdivisions} times (a "geodesic" sphere mesh): 10·4^k + 2 nodes and 30·4^k edges for
     * k subdivisions; the 12 original vertices have degree 5, every other degree 6.
     */
    public static Graph icosphere(int subdivisions) {
        if (subdivisions < 0 || subdivisions > 9) {
            throw new IllegalArgumentException("subdivisions must be in 0..9, got " + subdivisions);
        }
        int[][] faces = ICOSAHEDRON;
        int vertices = 12;
        for (int k = 0; k < subdivisions; k++) {
            Map<Long, Integer> midpoints = new HashMap<>();
            int[][] finer = new int[4 * faces.length][];
            int f = 0;
            for (int[] t : faces) {
                int[] m = new int[3];
                for (int e = 0; e < 3; e++) {
                    int a = Math.min(t[e], t[(e + 1) % 3]);
                    int c = Math.max(t[e], t[(e + 1) % 3]);
                    Integer mid = midpoints.get((long) a * Integer.MAX_VALUE + c);
                    if (mid == null) {
                        mid = vertices++;
                        midpoints.put((long) a * Integer.MAX_VALUE + c, mid);
                    }
                    m[e] = mid;
                }
                finer[f++] = new int[] {t[0], m[0], m[2]};
                finer[f++] = new int[] {t[1], m[1], m[0]};
                finer[f++] = new int[] {t[2], m[2], m[1]};
                finer[f++] = m;
            }
            faces = finer;
        }
        Graph.Builder b = new Graph.Builder(vertices);
        for (int[] t : faces) {
            b.edge(t[0], t[1]).edge(t[1], t[2]).edge(t[2], t[0]);
        }
        return b.build();
    }
}
