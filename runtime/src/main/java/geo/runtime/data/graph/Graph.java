package geo.runtime.data.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An undirected, unweighted simple graph on the nodes 0, …, n − 1. Immutable: the neighbour
 * lists are sorted and hold every neighbour once, so an edge listed twice (or as both
 * {@code u v} and {@code v u}) is one edge. Self-loops are rejected: they change no shortest
 * path, and in an edge list they are almost always a data error.
 */
public final class Graph {

    private final int[][] neighbours;
    private final int edgeCount;

    private Graph(int[][] neighbours, int edgeCount) {
        this.neighbours = neighbours;
        this.edgeCount = edgeCount;
    }

    /** The number of nodes n. */
    public int nodeCount() {
        return neighbours.length;
    }

    /** The number of distinct undirected edges. */
    public int edgeCount() {
        return edgeCount;
    }

    /** The number of neighbours of {@code u}. */
    public int degree(int u) {
        return neighbours[u].length;
    }

    /** The neighbours of {@code u} in increasing order (a new array). */
    public int[] neighbours(int u) {
        return neighbours[u].clone();
    }

    /** Whether {u, v} is an edge. */
    public boolean hasEdge(int u, int v) {
        return Arrays.binarySearch(neighbours[u], v) >= 0;
    }

    /** Every edge once as {u, v} with u &lt; v, sorted by u then v (a new array). */
    public int[][] edges() {
        int[][] out = new int[edgeCount][];
        int k = 0;
        for (int u = 0; u < neighbours.length; u++) {
            for (int v : neighbours[u]) {
                if (u < v) {
                    out[k++] = new int[] {u, v};
                }
            }
        }
        return out;
    }

    /** Same nodes and same edges. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Graph g && Arrays.deepEquals(neighbours, g.neighbours);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(neighbours);
    }

    @Override
    public String toString() {
        return "Graph(" + nodeCount() + " nodes, " + edgeCount + " edges)";
    }

    /**
     * Collects edges. The node count is the one given, or else one more than the largest id
     * seen, so a reader need not know it in advance.
     */
    public static final class Builder {

        private final int fixedNodes;
        private final List<int[]> edges = new ArrayList<>();
        private int maxId = -1;

        /** A builder whose node count is one more than the largest id of any edge. */
        public Builder() {
            this.fixedNodes = -1;
        }

        /** A builder for exactly {@code nodes} nodes, isolated ones included. */
        public Builder(int nodes) {
            if (nodes < 0) {
                throw new IllegalArgumentException("negative node count " + nodes);
            }
            this.fixedNodes = nodes;
        }

        /**
         * Adds the undirected edge {u, v}; adding it again changes nothing.
         *
         * @throws IllegalArgumentException for a negative id, an id outside a fixed node count,
         *                                  or u = v
         */
        public Builder edge(int u, int v) {
            if (u < 0 || v < 0) {
                throw new IllegalArgumentException("negative node id in edge " + u + " " + v);
            }
            if (u == v) {
                throw new IllegalArgumentException("self-loop at node " + u);
            }
            if (fixedNodes >= 0 && Math.max(u, v) >= fixedNodes) {
                throw new IllegalArgumentException("edge " + u + " " + v + " outside nodes 0.." + (fixedNodes - 1));
            }
            edges.add(new int[] {u, v});
            maxId = Math.max(maxId, Math.max(u, v));
            return this;
        }

        /** The graph of the edges added so far. */
        public Graph build() {
            int n = fixedNodes >= 0 ? fixedNodes : maxId + 1;
            int[] degree = new int[n];
            for (int[] e : edges) {
                degree[e[0]]++;
                degree[e[1]]++;
            }
            int[][] adjacency = new int[n][];
            for (int u = 0; u < n; u++) {
                adjacency[u] = new int[degree[u]];
            }
            int[] fill = new int[n];
            for (int[] e : edges) {
                adjacency[e[0]][fill[e[0]]++] = e[1];
                adjacency[e[1]][fill[e[1]]++] = e[0];
            }
            int total = 0;
            for (int u = 0; u < n; u++) {
                adjacency[u] = Arrays.stream(adjacency[u]).sorted().distinct().toArray();
                total += adjacency[u].length;
            }
            return new Graph(adjacency, total / 2);
        }
    }
}
