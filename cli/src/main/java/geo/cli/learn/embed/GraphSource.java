package geo.cli.learn.embed;

import geo.cli.common.UsageException;
import geo.runtime.data.graph.DisconnectedGraphException;
import geo.runtime.data.graph.EdgeLists;
import geo.runtime.data.graph.Graph;
import geo.runtime.data.graph.GraphFormatException;
import geo.runtime.data.graph.Graphs;
import geo.runtime.data.graph.ShortestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The GRAPH argument of {@code geo embed}: an edge-list file, or a generated graph written
 * {@code tree:BRANCHING,DEPTH}, {@code cycle:N}, {@code grid:N1,N2,...} or {@code icosphere:K}.
 *
 * @param name  how the graph is named in output (the file name or the generator text)
 * @param paths its all-pairs shortest paths
 */
record GraphSource(String name, ShortestPaths paths) {

    /**
     * The most nodes a graph may have: training keeps every one of the n(n − 1)/2 pairs (its
     * distance, its embedded distance, its place in the shuffled order: about 50 bytes a pair),
     * 12,497,500 pairs at the limit.
     */
    static final int MAX_NODES = 5_000;

    /** Reads or generates the graph; every problem (unreadable file, bad line, disconnected graph) is a usage error. */
    static GraphSource of(String text) throws UsageException {
        Graph g = generated(text);
        String name = text;
        if (g == null) {
            Path file = Path.of(text);
            name = file.getFileName() == null ? text : file.getFileName().toString();
            try {
                g = EdgeLists.read(file, MAX_NODES);
            } catch (GraphFormatException e) {
                throw new UsageException(e.getMessage());
            } catch (NoSuchFileException e) {
                throw new UsageException("cannot read " + text + ": no such file (give an edge list, or tree:B,D, "
                        + "cycle:N, grid:N1,N2,... or icosphere:K)");
            } catch (IOException e) {
                throw new UsageException("cannot read " + text + ": " + e.getMessage());
            }
        }
        if (g.nodeCount() > MAX_NODES) {
            throw new UsageException(name + ": " + g.nodeCount() + " nodes; geo embed takes graphs of at most "
                    + MAX_NODES + " nodes (it keeps all n(n - 1)/2 pairs)");
        }
        try {
            return new GraphSource(name, ShortestPaths.of(g));
        } catch (DisconnectedGraphException e) {
            throw new UsageException(name + ": " + e.getMessage());
        }
    }

    private static Graph generated(String text) throws UsageException {
        int colon = text.indexOf(':');
        if (colon < 0 || Files.exists(Path.of(text))) {
            return null;
        }
        String kind = text.substring(0, colon);
        if (!kind.equals("tree") && !kind.equals("cycle") && !kind.equals("grid") && !kind.equals("icosphere")) {
            return null;
        }
        int[] n = integers(text, text.substring(colon + 1));
        try {
            switch (kind) {
                case "tree":
                    expect(text, n, 2);
                    if (n[0] >= 1 && n[1] >= 0) {
                        requireSize(text, treeNodes(n[0], n[1]));
                    }
                    return Graphs.balancedTree(n[0], n[1]);
                case "cycle":
                    expect(text, n, 1);
                    requireSize(text, n[0]);
                    return Graphs.cycle(n[0]);
                case "grid":
                    long nodes = 1;
                    for (int s : n) {
                        nodes = Math.min(nodes * Math.max(s, 0), MAX_NODES + 1L);
                    }
                    requireSize(text, nodes);
                    return Graphs.grid(n);
                default:
                    expect(text, n, 1);
                    if (n[0] >= 0) {
                        // 10·4^k + 2 nodes for k subdivisions.
                        requireSize(text, n[0] > 10 ? Long.MAX_VALUE : 10L * (1L << (2 * n[0])) + 2);
                    }
                    return Graphs.icosphere(n[0]);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(text + ": " + e.getMessage());
        }
    }

    /** (b^(depth+1) − 1)/(b − 1) nodes, or more than {@link #MAX_NODES} once the sum passes it. */
    private static long treeNodes(int branching, int depth) {
        long nodes = 1;
        long level = 1;
        for (int k = 0; k < depth && nodes <= MAX_NODES; k++) {
            level = Math.min(level * branching, MAX_NODES + 1L);
            nodes += level;
        }
        return nodes;
    }

    /** Refuses a generated graph of more than {@link #MAX_NODES} nodes before generating it. */
    private static void requireSize(String text, long nodes) throws UsageException {
        if (nodes > MAX_NODES) {
            throw new UsageException(text + ": more than " + MAX_NODES + " nodes; geo embed takes graphs of at most "
                    + MAX_NODES + " nodes (it keeps all n(n - 1)/2 pairs)");
        }
    }

    private static void expect(String text, int[] n, int count) throws UsageException {
        if (n.length != count) {
            throw new UsageException(text + ": expected " + count + " number" + (count == 1 ? "" : "s") + " after ':'");
        }
    }

    private static int[] integers(String text, String list) throws UsageException {
        String[] parts = list.split(",", -1);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new UsageException(text + ": '" + parts[i] + "' is not an integer");
            }
        }
        return out;
    }
}
