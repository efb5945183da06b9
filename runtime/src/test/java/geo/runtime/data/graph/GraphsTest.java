package geo.runtime.data.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GraphsTest {

    @Test
    void balancedTreesHaveGeometricNodeCountsAndDepthDistances() {
        Graph t = Graphs.balancedTree(3, 3);
        assertEquals(1 + 3 + 9 + 27, t.nodeCount());
        assertEquals(t.nodeCount() - 1, t.edgeCount());
        ShortestPaths d = ShortestPaths.of(t);
        // leaves under different children of the root are 2·depth apart; siblings 2
        assertEquals(6, d.distance(13, 39));
        assertEquals(2, d.distance(13, 14));
        assertEquals(3, d.distance(0, 39));
        assertEquals(6, d.diameter());
        assertEquals(4, Graphs.balancedTree(1, 3).nodeCount());
        assertEquals(1, Graphs.balancedTree(5, 0).nodeCount());
    }

    @Test
    void cyclesAndGridsHaveTheirEdgeCounts() {
        assertEquals(10, Graphs.cycle(10).edgeCount());
        Graph g = Graphs.grid(3, 4, 5);
        assertEquals(60, g.nodeCount());
        assertEquals(2 * 4 * 5 + 3 * 3 * 5 + 3 * 4 * 4, g.edgeCount());
        assertEquals(4, Graphs.grid(5).edgeCount());
        assertEquals(1000, Graphs.grid(10, 10, 10).nodeCount());
        assertEquals(2700, Graphs.grid(10, 10, 10).edgeCount());
    }

    @Test
    void icospheresAreTriangulatedSpheres() {
        for (int k = 0; k <= 3; k++) {
            Graph g = Graphs.icosphere(k);
            int n = 10 * (1 << 2 * k) + 2;
            assertEquals(n, g.nodeCount());
            assertEquals(30 * (1 << 2 * k), g.edgeCount());
            int degreeFive = 0;
            for (int u = 0; u < n; u++) {
                assertTrue(g.degree(u) == 5 || g.degree(u) == 6, "degree of " + u);
                degreeFive += g.degree(u) == 5 ? 1 : 0;
            }
            assertEquals(12, degreeFive);
        }
        // every vertex of an icosahedron reaches its antipode in three steps
        assertEquals(3, ShortestPaths.of(Graphs.icosphere(0)).diameter());
        // subdividing doubles the hop length of every original edge
        assertEquals(6, ShortestPaths.of(Graphs.icosphere(1)).diameter());
    }
}
