package geo.compiler.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.print.TextPrinter;
import geo.compiler.testing.ExprReader;
import org.junit.jupiter.api.Test;

/** The display-only rewrites and what they let the chart simplifier cancel. */
class ExpandForDisplayTest {

    private final NodeFactory f = new NodeFactory();
    private final ExprReader reader = new ExprReader(f);

    private String simplified(String expr) {
        return TextPrinter.inline(DisplaySimplifier.run(f, new Node[] {reader.read(expr)})[0]);
    }

    @Test
    void aSumSubtractedFromItsOwnTermsCancels() {
        assertEquals("2", simplified("1 + t - (t - 1)"));
        assertEquals("0", simplified("(a + b) - (b + a)"));
    }

    @Test
    void powersOfProductsMeetTheOtherPowers() {
        assertEquals("2*x / t", simplified("8 * x / (t^3 * (2 / t)^2)"));
    }

    @Test
    void longSumsAreNotMultipliedOutByNonConstants() {
        ExpandForDisplay pass = new ExpandForDisplay();
        Node longSum = reader.read("y * (a + b + c + d + e + g + h + k + m)");
        assertSame(longSum, pass.rewrite(f, longSum));
        assertEquals("-a - b - c - d - e - g - h - k - m",
                TextPrinter.inline(pass.rewrite(f, reader.read("-(a + b + c + d + e + g + h + k + m)"))));
    }
}
