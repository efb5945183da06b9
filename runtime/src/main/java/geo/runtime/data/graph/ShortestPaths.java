package geo.runtime.data.graph;

import java.util.Arrays;

/**
 * All-pairs shortest-path hop counts d_G(i, j) of a connected graph, by breadth-first search from
 * every node (O(n·(n + m)) time). Only the pairs i &lt; j are stored, in the order
 * (0,1), (0,2), …, (0,n−1), (1,2), …, (n−2,n−1): {@link #pairIndex} numbers them 0, …, n(n−1)/2 − 1,
 * and this numbering is the "pair" index a {@code geo.runtime.manifold.EmbeddingSpace} sees.
 */
public final class ShortestPaths {

    private final Graph graph;
    private final int n;
    private final int[] distances;
    private final int diameter;

    private ShortestPaths(Graph graph, int[] distances, int diameter) {
        this.graph = graph;
        this.n = graph.nodeCount();
        this.distances = distances;
        this.diameter = diameter;
    }

    /**
     * The distances of {@code g}.
     *
     * @throws DisconnectedGraphException when some node cannot reach another, naming the
     *                                    components' sizes and one unreachable node
     * @throws IllegalArgumentException   for fewer than two nodes, or more pairs than fit an int index
     */
    public static ShortestPaths of(Graph g) {
        int n = g.nodeCount();
        if (n < 2) {
            throw new IllegalArgumentException("need at least two nodes, the graph has " + n);
        }
        if ((long) n * (n - 1) / 2 > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(n + " nodes have too many pairs for all-pairs distances");
        }
        int[][] adjacency = new int[n][];
        for (int u = 0; u < n; u++) {
            adjacency[u] = g.neighbours(u);
        }
        requireConnected(adjacency);
        int[] d = new int[n * (n - 1) / 2];
        int[] level = new int[n];
        int[] queue = new int[n];
        int diameter = 0;
        for (int s = 0; s < n - 1; s++) {
            bfs(adjacency, s, level, queue);
            int base = pairIndex(n, s, s + 1) - (s + 1);
            for (int t = s + 1; t < n; t++) {
                d[base + t] = level[t];
                diameter = Math.max(diameter, level[t]);
            }
        }
        return new ShortestPaths(g, d, diameter);
    }

    /** Breadth-first levels from {@code s} into {@code level} (−1 = unreached); {@code queue} is scratch. */
    private static int bfs(int[][] adjacency, int s, int[] level, int[] queue) {
        Arrays.fill(level, -1);
        level[s] = 0;
        queue[0] = s;
        int head = 0;
        int tail = 1;
        while (head < tail) {
            int u = queue[head++];
            for (int v : adjacency[u]) {
                if (level[v] < 0) {
                    level[v] = level[u] + 1;
                    queue[tail++] = v;
                }
            }
        }
        return tail;
    }

    private static void requireConnected(int[][] adjacency) {
        int n = adjacency.length;
        int[] level = new int[n];
        int[] queue = new int[n];
        if (bfs(adjacency, 0, level, queue) == n) {
            return;
        }
        int[] component = new int[n];
        Arrays.fill(component, -1);
        int[] sizes = new int[n];
        int components = 0;
        int unreachable = -1;
        for (int s = 0; s < n; s++) {
            if (component[s] >= 0) {
                continue;
            }
            if (components == 1) {
                unreachable = s;
            }
            int reached = bfs(adjacency, s, level, queue);
            for (int k = 0; k < reached; k++) {
                component[queue[k]] = components;
            }
            sizes[components++] = reached;
        }
        throw new DisconnectedGraphException(component, components, sizes, unreachable);
    }

    private static int pairIndex(int n, int i, int j) {
        return (int) ((long) i * (2L * n - i - 1) / 2) + (j - i - 1);
    }

    /** The graph these are the distances of. */
    public Graph graph() {
        return graph;
    }

    /** The number of nodes n. */
    public int nodeCount() {
        return n;
    }

    /** The number of unordered pairs n(n − 1)/2. */
    public int pairCount() {
        return distances.length;
    }

    /** The index of the pair {i, j} (either order, i ≠ j) in 0, …, n(n−1)/2 − 1. */
    public int pairIndex(int i, int j) {
        if (i == j || i < 0 || j < 0 || i >= n || j >= n) {
            throw new IllegalArgumentException("no pair (" + i + ", " + j + ") among " + n + " nodes");
        }
        return i < j ? pairIndex(n, i, j) : pairIndex(n, j, i);
    }

    /** d_G(i, j): 0 for i = j, else the number of edges on a shortest path. */
    public int distance(int i, int j) {
        return i == j ? 0 : distances[pairIndex(i, j)];
    }

    /** d_G of the pair with index {@code pair}. */
    public int distanceOfPair(int pair) {
        return distances[pair];
    }

    /** The largest distance. */
    public int diameter() {
        return diameter;
    }
}
