package geo.compiler.print;

import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.testing.ExprReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrinterTest {

    private final NodeFactory f = new NodeFactory();
    private final ExprReader r = new ExprReader(f);

    private String text(String expr) {
        return TextPrinter.print(r.read(expr));
    }

    @Test
    void parenthesesOnlyWherePrecedenceNeedsThem() {
        assertEquals("x*(y + z)", text("x*(y+z)"));
        assertEquals("z + x*y", text("(x*y)+z"));
        assertEquals("(x + y)^2", text("(x+y)^2"));
        assertEquals("-x^2", text("-x^2"));
        assertEquals("x^(1 + y)", text("x^(y+1)"));
        assertEquals("sin(x + y)", text("sin(x+y)"));
        assertEquals("x - (y - z)", text("x - (y - z)"));
        assertEquals("-(x + y)", text("-(x + y)"));
        assertEquals("x / (y*z)", text("x / (y*z)"));
        assertEquals("(1 + x) / y", text("(x + 1) / y"));
        assertEquals("x^(-0.5)", text("x^(-0.5)"));
    }

    @Test
    void negativeTermsPrintAsSubtraction() {
        assertEquals("x - y", text("x - y"));
        assertEquals("x - 1", text("-1 + x"));
        assertEquals("-x - y", text("-x - y"));
        assertEquals("x - 2*y", text("x - 2*y"));
        assertEquals("x - y / z", text("x - y / z"));
    }

    @Test
    void numbers() {
        assertEquals("0.001*x", text("1e-3 * x"));
        assertEquals("1.5e-7 + x", text("x + 1.5e-7"));
        assertEquals("1e20*x", text("1e20 * x"));
        assertEquals("-3", text("-3"));
    }

    @Test
    void latex() {
        assertEquals("\\frac{x}{y}", LatexPrinter.print(r.read("x / y")));
        assertEquals("-\\frac{2 x}{y^{2}}", LatexPrinter.print(r.read("-2*x / y^2")));
        assertEquals("\\sqrt{x} \\left|y\\right|", LatexPrinter.print(r.read("sqrt(x)*abs(y)")));
        assertEquals("x_{0}", Infix.latexName("x[0]"));
        assertEquals("\\theta_{3}", Infix.latexName("theta[3]"));
        assertEquals("\\theta", Infix.latexName("theta"));
        assertEquals("{W_{1}}_{3,1}", Infix.latexName("W1[3,1]"));
        assertEquals("\\mathrm{mass}", Infix.latexName("mass"));
        assertEquals("\\mathrm{a\\_b}", Infix.latexName("a_b"));
    }

    @Test
    void sharingBecomesLets() {
        Node x = r.read("x");
        Node chain = x;
        for (int i = 0; i < 30; i++) {
            chain = f.add(f.sin(chain), f.mul(f.constant(0.5), chain));
        }
        Node t = chain;
        String s = TextPrinter.print(t);
        assertTrue(s.startsWith("let t1 = 0.5*x + sin(x)\nlet t2 = 0.5*t1 + sin(t1)\n"), s);
        assertTrue(s.endsWith("\n0.5*t29 + sin(t29)"), s);
        assertThrows(IllegalArgumentException.class, () -> TextPrinter.inline(t));
        String named = TextPrinter.lets(new Node[] {t, f.sin(t)}, new String[] {"a", "b"});
        assertTrue(named.endsWith("\nlet t30 = 0.5*t29 + sin(t29)\na = t30\nb = sin(t30)"), named);
        String latex = LatexPrinter.lets(new Node[] {t}, new String[] {"y"});
        assertTrue(latex.startsWith("\\begin{aligned}\nt_{1} &= 0.5 x + \\sin\\left(x\\right) \\\\\n"), latex);
        assertTrue(latex.endsWith("y &= 0.5 t_{29} + \\sin\\left(t_{29}\\right)\n\\end{aligned}"), latex);
    }

    @Test
    void smallSharedSubexpressionsStayInline() {
        assertEquals("sin(x) + sin(x)*cos(x)", text("sin(x)*cos(x) + sin(x)"));
        assertEquals("let t1 = 1 + x*y\nsin(t1) + cos(t1)", text("sin(x*y+1) + cos(x*y+1)"));
    }

    @Test
    void letNamesAvoidSymbols() {
        String s = TextPrinter.print(r.read("sin(t1*x + 1) + cos(t1*x + 1)"));
        assertTrue(s.startsWith("let u1 = "), s);
    }

    @Test
    void longExpressionsAreSplit() {
        Node y = r.read("x");
        for (int i = 0; i < 200; i++) {
            y = f.sin(f.add(y, f.constant(i + 1)));
        }
        String s = TextPrinter.print(y);
        assertTrue(s.lines().count() > 5, s);
        assertTrue(s.lines().allMatch(l -> l.length() < 400), s);
    }
}
