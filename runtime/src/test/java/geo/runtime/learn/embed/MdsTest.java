package geo.runtime.learn.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import geo.runtime.data.graph.Graphs;
import geo.runtime.data.graph.ShortestPaths;
import geo.runtime.manifold.closed.Euclidean;
import geo.runtime.manifold.closed.PoincareBall;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Classical MDS ({@link Mds}) against graphs whose distances are Euclidean, and its placement in the ball. */
class MdsTest {

    /**
     * A path of 7 nodes has the Euclidean distances |i − j| on a line: the first MDS coordinate
     * reproduces them (to 1e-9), and the second is 0 (the Gram matrix has rank 1).
     */
    @Test
    void aPathIsRecoveredOnALine() {
        ShortestPaths path = ShortestPaths.of(Graphs.grid(7));
        double[][] y = Mds.coordinates(path, 2, 1);
        for (int i = 0; i < 7; i++) {
            assertEquals(0, y[i][1], 1e-9);
            for (int j = 0; j < 7; j++) {
                assertEquals(Math.abs(i - j), Math.abs(y[i][0] - y[j][0]), 1e-9, i + ", " + j);
            }
        }
    }

    /**
     * The 2 × 3 grid graph's distances are Manhattan, not Euclidean; its Gram matrix still has the
     * rank-2 part of the Euclidean grid with the same centred coordinates' spread: the MDS layout in
     * the plane keeps every node distinct and the neighbours (distance 1) at the shortest distances.
     * In the Poincaré ball each node lies at hyperbolic distance |y_i| from the origin,
     * 2·artanh|x_i| = |y_i| (to 1e-12): unit speed from the origin.
     */
    @Test
    void theBallLayoutIsAtUnitSpeedFromTheOrigin() {
        ShortestPaths grid = ShortestPaths.of(Graphs.grid(2, 3));
        double[][] y = Mds.layout(grid, new Euclidean(2), 3);
        double[][] x = Mds.layout(grid, new PoincareBall(2), 3);
        for (int i = 0; i < y.length; i++) {
            double r = Math.hypot(y[i][0], y[i][1]);
            assertEquals(r, 2 * atanh(Math.hypot(x[i][0], x[i][1])), 1e-12, "node " + i);
            assertEquals(0, y[i][0] * x[i][1] - y[i][1] * x[i][0], 1e-12, "same direction");
        }
    }

    /** At layout scale c each node lies at hyperbolic distance c·|y_i| from the origin (to 1e-12). */
    @Test
    void theLayoutScaleSetsTheSpeed() {
        ShortestPaths grid = ShortestPaths.of(Graphs.grid(3, 3, 3));
        double[][] y = Mds.layout(grid, new Euclidean(2), 3);
        double[][] x = Mds.layout(grid, new PoincareBall(2), 3, 0.05);
        for (int i = 0; i < y.length; i++) {
            assertEquals(0.05 * Math.hypot(y[i][0], y[i][1]), 2 * atanh(Math.hypot(x[i][0], x[i][1])), 1e-12);
        }
    }

    /** Start j takes layout scale j mod count; the list is checked. */
    @Test
    void layoutScalesCycleOverTheStarts() {
        Init init = Init.DEFAULTS.withLayoutScales(Init.parseScales("1, 0.05"));
        assertEquals(1, init.layoutScale(0));
        assertEquals(0.05, init.layoutScale(1));
        assertEquals(1, init.layoutScale(2));
        assertEquals(1, Init.DEFAULTS.layoutScale(3));
        IllegalArgumentException word = assertThrows(IllegalArgumentException.class, () -> Init.parseScales("1,x"));
        assertEquals("layout scales: 'x' is not a number (give e.g. 1,0.05)", word.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Init.DEFAULTS.withLayoutScales(List.of(1.0, 0.0)));
        assertThrows(IllegalArgumentException.class, () -> Init.DEFAULTS.withLayoutScales(List.of()));
    }

    private static double atanh(double v) {
        return 0.5 * Math.log((1 + v) / (1 - v));
    }
}
