package geo.cli;

import geo.runtime.data.DisconnectedGraphException;
import geo.runtime.data.EdgeLists;
import geo.runtime.data.Graph;
import geo.runtime.data.GraphFormatException;
import geo.runtime.data.Graphs;
import geo.runtime.data.ShortestPaths;
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

    /** Reads or generates the graph; every problem (unreadable file, bad line, disconnected graph) is a usage error. */
    static GraphSource of(String text) throws UsageException {
        Graph g = generated(text);
        String name = text;
        if (g == null) {
            Path file = Path.of(text);
            name = file.getFileName() == null ? text : file.getFileName().toString();
            try {
                g = EdgeLists.read(file);
            } catch (GraphFormatException e) {
                throw new UsageException(e.getMessage());
            } catch (NoSuchFileException e) {
                throw new UsageException("cannot read " + text + ": no such file (give an edge list, or tree:B,D, "
                        + "cycle:N, grid:N1,N2,... or icosphere:K)");
            } catch (IOException e) {
                throw new UsageException("cannot read " + text + ": " + e.getMessage());
            }
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
        int[] n = integers(text, text.substring(colon + 1));
        try {
            switch (kind) {
                case "tree":
                    expect(text, n, 2);
                    return Graphs.balancedTree(n[0], n[1]);
                case "cycle":
                    expect(text, n, 1);
                    return Graphs.cycle(n[0]);
                case "grid":
                    return Graphs.grid(n);
                case "icosphere":
                    expect(text, n, 1);
                    return Graphs.icosphere(n[0]);
                default:
                    return null;
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(text + ": " + e.getMessage());
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
