package geo.runtime.data.graph;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads edge lists: one undirected edge {@code u v} a line, node ids 0, 1, … as decimal integers
 * separated by spaces or tabs. Everything from a {@code #} to the end of the line is a comment;
 * blank lines are skipped. The node count is one more than the largest id.
 *
 * <p>Errors, each a {@link GraphFormatException} naming the input and line: a line with other
 * than two fields; a field that is not an integer; a negative id; an id of {@value #MAX_NODE_ID}
 * or more (a typo there would otherwise allocate a huge graph); a self-loop {@code u u}; an input
 * with no edge. An edge listed twice is one edge (many data sets list both directions).
 */
public final class EdgeLists {

    /** Ids must be below this: all-pairs distances of a larger graph would not fit in memory. */
    public static final int MAX_NODE_ID = 10_000_000;

    private EdgeLists() {
    }

    /** Reads the edge list in {@code file} (UTF-8); errors name the file as given. */
    public static Graph read(Path file) throws IOException {
        return read(file, MAX_NODE_ID);
    }

    /**
     * Reads the edge list in {@code file} (UTF-8), refusing a node id of {@code maxNodes} or more
     * at its line (a caller's limit on the graph's size, at most {@value #MAX_NODE_ID}).
     */
    public static Graph read(Path file, int maxNodes) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString(), maxNodes);
        }
    }

    /**
     * Reads an edge list from {@code in} (not closed).
     *
     * @param source the name errors give for the input
     */
    public static Graph read(Reader in, String source) throws IOException {
        return read(in, source, MAX_NODE_ID);
    }

    /**
     * Reads an edge list from {@code in} (not closed), refusing node ids of {@code maxNodes} or more.
     *
     * @param source   the name errors give for the input
     * @param maxNodes the most nodes the graph may have, 1 to {@value #MAX_NODE_ID}
     */
    public static Graph read(Reader in, String source, int maxNodes) throws IOException {
        if (maxNodes < 1 || maxNodes > MAX_NODE_ID) {
            throw new IllegalArgumentException("maxNodes must be in 1.." + MAX_NODE_ID + ", got " + maxNodes);
        }
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        Graph.Builder builder = new Graph.Builder();
        int lineNumber = 0;
        int edges = 0;
        for (String line; (line = lines.readLine()) != null; ) {
            lineNumber++;
            int hash = line.indexOf('#');
            String text = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (text.isEmpty()) {
                continue;
            }
            String[] fields = text.split("\\s+");
            if (fields.length != 2) {
                throw new GraphFormatException(source, lineNumber,
                        "expected two node ids 'u v', found " + fields.length + " fields in '" + text + "'");
            }
            int u = nodeId(fields[0], source, lineNumber, maxNodes);
            int v = nodeId(fields[1], source, lineNumber, maxNodes);
            if (u == v) {
                throw new GraphFormatException(source, lineNumber, "self-loop at node " + u);
            }
            builder.edge(u, v);
            edges++;
        }
        if (edges == 0) {
            throw new GraphFormatException(source, 0, "no edges");
        }
        return builder.build();
    }

    private static int nodeId(String field, String source, int line, int maxNodes) throws GraphFormatException {
        int id;
        try {
            id = Integer.parseInt(field);
        } catch (NumberFormatException e) {
            throw new GraphFormatException(source, line, "node id '" + field + "' is not an integer");
        }
        if (id < 0) {
            throw new GraphFormatException(source, line, "negative node id " + id);
        }
        if (id >= maxNodes) {
            throw new GraphFormatException(source, line, "node id " + id + " is not below " + maxNodes
                    + (maxNodes < MAX_NODE_ID ? " (a graph has at most " + maxNodes + " nodes here)" : ""));
        }
        return id;
    }
}
