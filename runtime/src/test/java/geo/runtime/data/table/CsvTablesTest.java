package geo.runtime.data.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.api.ModelDescriptor.Input;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV tables and the binding of their columns to inputs: every accepted form and every error. */
class CsvTablesTest {

    static Table table(String text) throws IOException {
        return CsvTables.read(new StringReader(text), "d.csv");
    }

    static DataFormatException error(String text) {
        return assertThrows(DataFormatException.class, () -> table(text));
    }

    static final List<Input> LOSS = List.of(new Input("x", List.of(2), 0, Input.Source.DATA),
            new Input("y", List.of(), 2, Input.Source.DATA));

    @Test
    void readsHeaderRowsCommentsAndLines() throws IOException {
        Table t = table("# made by hand\nx[0], x[1] ,y\n\n1,2,3\n# a comment\n-4.5e-1,.5,+6\n");
        assertEquals(List.of("x[0]", "x[1]", "y"), t.header());
        assertEquals(2, t.headerLine());
        assertEquals(2, t.rows());
        assertArrayEquals(new int[] {4, 6}, t.lines());
        assertArrayEquals(new double[] {1, 2, 3, -0.45, 0.5, 6}, t.values(), 0.0);
    }

    @Test
    void eachBadFileIsAnErrorWithItsLineAndColumn() {
        DataFormatException e = error("");
        assertEquals(DataFormatException.Kind.EMPTY, e.kind());
        assertEquals("d.csv: the file is empty: expected a header line of column names, then rows of numbers",
                e.getMessage());
        e = error("x,y\n");
        assertEquals(DataFormatException.Kind.EMPTY, e.kind());
        assertEquals("d.csv:1: the file has a header but no rows of data", e.getMessage());
        e = error("x,y\n1,2\n3\n");
        assertEquals(DataFormatException.Kind.RAGGED, e.kind());
        assertEquals("d.csv:3: expected 2 cells as in the header (line 1), found 1", e.getMessage());
        e = error("x,y\n1,2\n3,abc\n");
        assertEquals(DataFormatException.Kind.NOT_A_NUMBER, e.kind());
        assertEquals("d.csv:3: column 'y': 'abc' is not a number", e.getMessage());
        e = error("x,y\n1,NaN\n");
        assertEquals(DataFormatException.Kind.NOT_FINITE, e.kind());
        assertEquals("d.csv:2: column 'y': 'NaN' is not a finite number", e.getMessage());
        assertEquals(DataFormatException.Kind.NOT_FINITE, error("x,y\n1,-inf\n").kind());
        assertEquals(DataFormatException.Kind.NOT_FINITE, error("x,y\n1,1e400\n").kind());
        assertEquals(DataFormatException.Kind.NOT_A_NUMBER, error("x,y\n1,\n").kind());
        assertEquals(DataFormatException.Kind.NOT_A_NUMBER, error("x,y\n1,0x10\n").kind());
        e = error("x,x\n1,2\n");
        assertEquals(DataFormatException.Kind.DUPLICATE_COLUMN, e.kind());
        assertEquals("x", e.column());
    }

    @Test
    void bindsBracketedAndPlainNamesInSlotOrder() throws IOException {
        DataSet d = Columns.bind(table("y,x1,x[0]\n3,2,1\n6,5,4\n"), LOSS, Columns.Extra.ERROR, "loss l").data();
        assertEquals(3, d.width());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, d.values(), 0.0);
        assertEquals("d.csv:3", d.where(1));
    }

    @Test
    void matrixInputsTakeEitherForm() throws IOException {
        List<Input> in = List.of(new Input("W", List.of(2, 2), 0, Input.Source.DATA));
        DataSet d = Columns.bind(table("W0_0,\"W[0,1]\",W[1][0],W1_1\n1,2,3,4\n"), in, Columns.Extra.ERROR, "f")
                .data();
        assertArrayEquals(new double[] {1, 2, 3, 4}, d.values(), 0.0);
        assertEquals(List.of("W[0][0]", "W[0][1]", "W[1][0]", "W[1][1]"), Columns.names(in.get(0)));
    }

    @Test
    void bindingErrorsNameTheColumnAndListTheExpectedOnes() throws IOException {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Columns.bind(table("x[0],y\n1,2\n"), LOSS, Columns.Extra.ERROR, "loss l"));
        assertEquals(DataFormatException.Kind.MISSING_COLUMN, e.kind());
        assertEquals("d.csv:1: column 'x[1]': missing: loss l needs the columns x[0] … x[1] (or x0 … x1), y; "
                + "this one is missing (x[1])", e.getMessage());
        e = assertThrows(DataFormatException.class,
                () -> Columns.bind(table("x[0],x0,x[1],y\n1,1,2,3\n"), LOSS, Columns.Extra.ERROR, "loss l"));
        assertEquals(DataFormatException.Kind.DUPLICATE_COLUMN, e.kind());
        e = assertThrows(DataFormatException.class,
                () -> Columns.bind(table("x[0],x[1],y,z\n1,2,3,4\n"), LOSS, Columns.Extra.ERROR, "loss l"));
        assertEquals(DataFormatException.Kind.UNKNOWN_COLUMN, e.kind());
        assertEquals("z", e.column());
        assertTrue(e.getMessage().startsWith("d.csv:1: column 'z': names no input of loss l"), e.getMessage());
        Columns.Bound ok = Columns.bind(table("x[0],x[1],y,z\n1,2,3,4\n"), LOSS, Columns.Extra.IGNORE, "loss l");
        assertEquals(List.of("z"), ok.ignored());
    }

    @Test
    void noiseInputsAreNeverRead() throws IOException {
        List<Input> in = List.of(new Input("x", List.of(), 0, Input.Source.DATA),
                new Input("eps", List.of(2), 1, Input.Source.NORMAL));
        DataSet d = Columns.bind(table("x\n7\n"), in, Columns.Extra.ERROR, "loss l").data();
        assertArrayEquals(new double[] {7, 0, 0}, d.values(), 0.0);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> Columns.bind(table("x,eps[0]\n7,1\n"), in, Columns.Extra.IGNORE, "loss l"));
        assertEquals(DataFormatException.Kind.UNKNOWN_COLUMN, e.kind());
        assertTrue(e.getMessage().contains("eps is a noise input (normal)"), e.getMessage());
    }
}
