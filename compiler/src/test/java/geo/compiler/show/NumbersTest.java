package geo.compiler.show;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Writing values (the parsing of number lists is the CLI's: {@code geo.cli.common.NumberListTest}). */
class NumbersTest {

    @Test
    void valuesPrintInFullPrecision() {
        assertEquals("0.1", Numbers.text(0.1));
        assertEquals("-2.0000000000000004", Numbers.text(-2.0000000000000004));
        assertEquals("1.5 \\times 10^{-7}", Numbers.latex(1.5e-7));
        assertEquals("\\mathrm{NaN}", Numbers.latex(Double.NaN));
        assertEquals("-\\infty", Numbers.latex(Double.NEGATIVE_INFINITY));
    }
}
