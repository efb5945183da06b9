package geo.runtime.data.graph;

/**
 * A graph with more than one connected component, where all-pairs distances are needed: some
 * graph distances are infinite, and no embedding can reproduce them.
 */
public final class DisconnectedGraphException extends IllegalArgumentException {

    private final int[] component;
    private final int components;

    DisconnectedGraphException(int[] component, int components, int[] sizes, int unreachable) {
        super(message(components, sizes, unreachable));
        this.component = component;
        this.components = components;
    }

    private static String message(int components, int[] sizes, int unreachable) {
        StringBuilder s = new StringBuilder("graph is not connected: ").append(components)
                .append(" components of sizes ");
        int listed = Math.min(components, 10);
        for (int c = 0; c < listed; c++) {
            s.append(c == 0 ? "" : ", ").append(sizes[c]);
        }
        if (listed < components) {
            s.append(", …");
        }
        return s.append("; no path from node 0 to node ").append(unreachable).toString();
    }

    /** The number of connected components (≥ 2). */
    public int components() {
        return components;
    }

    /** The component of {@code node}: 0 for node 0's, then numbered by their smallest node. */
    public int componentOf(int node) {
        return component[node];
    }
}
