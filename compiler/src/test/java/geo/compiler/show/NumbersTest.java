package geo.compiler.show;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Parsing {@code --at} lists and writing values. */
class NumbersTest {

    @Test
    void decimalListsParse() throws ShowException {
        assertArrayEquals(new double[] {0.5, 1, -2e-3, 0.25, 3}, Numbers.parseList("--at", "0.5,1, -2e-3 ,.25,+3."));
    }

    @Test
    void malformedListsAreRefusedWithTheEntryNamed() {
        assertEquals("--at: 'x' is not a number",
                assertThrows(ShowException.class, () -> Numbers.parseList("--at", "1,x")).getMessage());
        assertEquals("--at: 'NaN' is not a number",
                assertThrows(ShowException.class, () -> Numbers.parseList("--at", "NaN,1")).getMessage());
        assertEquals("--velocity: '1d' is not a number",
                assertThrows(ShowException.class, () -> Numbers.parseList("--velocity", "1d")).getMessage());
        assertEquals("--at: value 2 of '1,,2' is empty",
                assertThrows(ShowException.class, () -> Numbers.parseList("--at", "1,,2")).getMessage());
        assertEquals("--at: '1e400' is too large for a double",
                assertThrows(ShowException.class, () -> Numbers.parseList("--at", "1e400")).getMessage());
        assertEquals("--at needs comma-separated numbers, e.g. --at 0.5,1",
                assertThrows(ShowException.class, () -> Numbers.parseList("--at", " ")).getMessage());
    }

    @Test
    void valuesPrintInFullPrecision() {
        assertEquals("0.1", Numbers.text(0.1));
        assertEquals("-2.0000000000000004", Numbers.text(-2.0000000000000004));
        assertEquals("1.5 \\times 10^{-7}", Numbers.latex(1.5e-7));
        assertEquals("\\mathrm{NaN}", Numbers.latex(Double.NaN));
        assertEquals("-\\infty", Numbers.latex(Double.NEGATIVE_INFINITY));
    }
}
