package geo.runtime.data.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ShortestPathsTest {

    @Test
    void cycleDistancesGoTheShortWayRound() {
        int n = 9;
        ShortestPaths d = ShortestPaths.of(Graphs.cycle(n));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int gap = Math.abs(i - j);
                assertEquals(Math.min(gap, n - gap), d.distance(i, j), i + "," + j);
            }
        }
        assertEquals(4, d.diameter());
    }

    @Test
    void gridDistancesAreManhattan() {
        int[] sizes = {3, 4, 2};
        ShortestPaths d = ShortestPaths.of(Graphs.grid(sizes));
        int n = 24;
        for (int u = 0; u < n; u++) {
            for (int v = 0; v < n; v++) {
                int manhattan = Math.abs(u % 3 - v % 3) + Math.abs(u / 3 % 4 - v / 3 % 4) + Math.abs(u / 12 - v / 12);
                assertEquals(manhattan, d.distance(u, v));
            }
        }
        assertEquals(2 + 3 + 1, d.diameter());
    }

    @Test
    void treeDistancesGoThroughTheLowestCommonAncestor() throws IOException {
        ShortestPaths d = ShortestPaths.of(EdgeLists.read(EdgeListsTest.DATA.resolve("tree6.edges")));
        // tree6: 0-1, 0-2, 1-3, 1-4, 2-5, 4-6
        int[] parent = {-1, 0, 0, 1, 1, 2, 4};
        int[] depth = {0, 1, 1, 2, 2, 2, 3};
        for (int u = 0; u < 7; u++) {
            for (int v = 0; v < 7; v++) {
                int a = u;
                int b = v;
                while (a != b) {
                    if (depth[a] >= depth[b]) {
                        a = parent[a];
                    } else {
                        b = parent[b];
                    }
                }
                assertEquals(depth[u] + depth[v] - 2 * depth[a], d.distance(u, v), u + "," + v);
            }
        }
        assertEquals(5, d.diameter());
    }

    @Test
    void pairIndicesNumberThePairsInRowOrder() {
        ShortestPaths d = ShortestPaths.of(Graphs.cycle(6));
        assertEquals(15, d.pairCount());
        int k = 0;
        for (int i = 0; i < 6; i++) {
            for (int j = i + 1; j < 6; j++) {
                assertEquals(k, d.pairIndex(i, j));
                assertEquals(k, d.pairIndex(j, i));
                assertEquals(d.distance(i, j), d.distanceOfPair(k));
                k++;
            }
        }
        assertThrows(IllegalArgumentException.class, () -> d.pairIndex(2, 2));
    }

    @Test
    void disconnectedGraphsNameTheComponentsAndAnUnreachableNode() {
        Graph g = new Graph.Builder(6).edge(0, 1).edge(2, 3).edge(3, 4).build();
        DisconnectedGraphException e = assertThrows(DisconnectedGraphException.class, () -> ShortestPaths.of(g));
        assertEquals("graph is not connected: 3 components of sizes 2, 3, 1; no path from node 0 to node 2",
                e.getMessage());
        assertEquals(3, e.components());
        assertEquals(1, e.componentOf(4));
        assertEquals(2, e.componentOf(5));
    }
}
