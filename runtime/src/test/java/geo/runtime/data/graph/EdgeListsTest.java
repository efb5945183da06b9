package geo.runtime.data.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EdgeListsTest {

    /** The bundled example data, relative to the runtime module (Surefire's working directory). */
    static final Path DATA = Path.of("..", "examples", "graph-embedding", "data");

    private static Graph parse(String text) throws IOException {
        return EdgeLists.read(new StringReader(text), "test.edges");
    }

    private static GraphFormatException error(String text) {
        return assertThrows(GraphFormatException.class, () -> parse(text));
    }

    @Test
    void commentsBlankLinesTabsAndRepeatedEdgesAreAccepted() throws IOException {
        Graph g = parse("# a path\n\n0 1\n1\t2   # trailing comment\n  2 1\n1 0\n");
        assertEquals(3, g.nodeCount());
        assertEquals(2, g.edgeCount());
        assertArrayEquals(new int[][] {{0, 1}, {1, 2}}, g.edges());
        assertArrayEquals(new int[] {0, 2}, g.neighbours(1));
    }

    @Test
    void badLinesAreErrorsWithFileAndLineNumber() {
        GraphFormatException fields = error("0 1\n# ok\n1 2 3\n");
        assertEquals(3, fields.line());
        assertEquals("test.edges:3: expected two node ids 'u v', found 3 fields in '1 2 3'", fields.getMessage());
        assertEquals("test.edges:2: expected two node ids 'u v', found 1 fields in '4'",
                error("0 1\n4\n").getMessage());
        assertEquals("test.edges:1: node id 'x' is not an integer", error("0 x\n").getMessage());
        assertEquals("test.edges:1: node id '1.5' is not an integer", error("1.5 2\n").getMessage());
        assertEquals("test.edges:2: negative node id -3", error("0 1\n-3 1\n").getMessage());
        assertEquals("test.edges:1: self-loop at node 4", error("4 4\n").getMessage());
        assertEquals("test.edges:1: node id 10000000 is not below 10000000", error("0 10000000\n").getMessage());
        GraphFormatException empty = error("# nothing\n\n");
        assertEquals(0, empty.line());
        assertEquals("test.edges: no edges", empty.getMessage());
    }

    @Test
    void bundledFilesHaveTheDocumentedSizes() throws IOException {
        int[][] expected = {{7, 6}, {40, 39}, {10, 10}, {96, 211}};
        String[] files = {"tree6.edges", "tree40.edges", "cycle10.edges", "regular_sphere100.edges"};
        for (int f = 0; f < files.length; f++) {
            Graph g = EdgeLists.read(DATA.resolve(files[f]));
            assertEquals(expected[f][0], g.nodeCount(), files[f]);
            assertEquals(expected[f][1], g.edgeCount(), files[f]);
        }
        assertEquals(Graphs.cycle(10), EdgeLists.read(DATA.resolve("cycle10.edges")));
    }

    @Test
    void aMissingFileIsAnIoErrorNamingIt() {
        IOException e = assertThrows(IOException.class, () -> EdgeLists.read(DATA.resolve("missing.edges")));
        assertEquals(true, e.getMessage().contains("missing.edges"), e.getMessage());
    }
}
