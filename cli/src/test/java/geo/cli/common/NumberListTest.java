package geo.cli.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Parsing number lists ({@code --at}, {@code --x}, {@code --param}) with usage errors that name the entry. */
class NumberListTest {

    @Test
    void decimalListsParse() throws UsageException {
        assertArrayEquals(new double[] {0.5, 1, -2e-3, 0.25, 3}, NumberList.parse("--at", "0.5,1, -2e-3 ,.25,+3."));
    }

    @Test
    void malformedListsAreRefusedWithTheEntryNamed() {
        assertEquals("--at: 'x' is not a number",
                assertThrows(UsageException.class, () -> NumberList.parse("--at", "1,x")).getMessage());
        assertEquals("--at: 'NaN' is not a number",
                assertThrows(UsageException.class, () -> NumberList.parse("--at", "NaN,1")).getMessage());
        assertEquals("--velocity: '1d' is not a number",
                assertThrows(UsageException.class, () -> NumberList.parse("--velocity", "1d")).getMessage());
        assertEquals("--at: value 2 of '1,,2' is empty",
                assertThrows(UsageException.class, () -> NumberList.parse("--at", "1,,2")).getMessage());
        assertEquals("--at: '1e400' is too large for a double",
                assertThrows(UsageException.class, () -> NumberList.parse("--at", "1e400")).getMessage());
        assertEquals("--at needs comma-separated numbers, e.g. --at 0.5,1",
                assertThrows(UsageException.class, () -> NumberList.parse("--at", " ")).getMessage());
    }

    @Test
    void vectorsHaveTheModelsDimension() throws UsageException {
        assertArrayEquals(new double[] {1, 2}, NumberList.vector("--x", "1,2", 2));
        assertEquals("--x needs 3 numbers (the model has 3 coordinates), got 2",
                assertThrows(UsageException.class, () -> NumberList.vector("--x", "1,2", 3)).getMessage());
    }
}
