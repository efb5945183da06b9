package geo.compiler.ir;

import geo.compiler.ad.ForwardMode;
import geo.compiler.ad.ReverseMode;
import geo.compiler.print.LatexPrinter;
import geo.compiler.print.TextPrinter;
import geo.compiler.simplify.Simplifier;
import geo.compiler.testing.ExprReader;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden tests: every {@code *.txt} under {@code src/test/resources/golden/ir/} holds cases
 * separated by blank lines; a case is {@code key: value} lines (a value continues on lines
 * indented by two spaces; {@code #} starts a comment line). {@code expr} is the input read by
 * {@link ExprReader}; the other keys are computed from it and compared:
 * <ul>
 *   <li>{@code canon}: the canonical form, {@link TextPrinter#print};</li>
 *   <li>{@code d/dV}: the derivative by the name V (forward mode), and the test checks that
 *       reverse mode gives the same node;</li>
 *   <li>{@code simp} and {@code simp d/dV}: the same after {@link Simplifier#standard()};</li>
 *   <li>{@code latex}: {@link LatexPrinter#print}.</li>
 * </ul>
 * Run with {@code -Dgeo.golden.update=true} to rewrite the expected values in the source tree
 * from the current output, then review the diff.
 */
class GoldenTest {

    private static final boolean UPDATE = Boolean.getBoolean("geo.golden.update");
    private static final Path DIR = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .resolve("src/test/resources/golden/ir");

    @TestFactory
    Stream<DynamicTest> golden() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        int cases = 0;
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                List<Case> parsed = parse(Files.readAllLines(file, StandardCharsets.UTF_8));
                cases += parsed.stream().filter(c -> c.expr() != null).count();
                if (UPDATE) {
                    Files.writeString(file, render(parsed), StandardCharsets.UTF_8);
                }
                for (Case c : parsed) {
                    if (c.expr() == null) {
                        continue;
                    }
                    String name = file.getFileName() + ": " + c.expr();
                    tests.add(DynamicTest.dynamicTest(name, () -> {
                        Map<String, String> actual = compute(c);
                        c.expected().forEach((k, v) -> assertEquals(v, actual.get(k), name + " [" + k + "]"));
                    }));
                }
            }
        }
        assertTrue(cases >= 40, "at least 40 golden cases, found " + cases);
        return tests.stream();
    }

    /** One case: comment lines, the input, and expected values by key in file order. */
    private record Case(List<String> comments, String expr, Map<String, String> expected) {
    }

    private static Map<String, String> compute(Case c) {
        NodeFactory f = new NodeFactory();
        ExprReader reader = new ExprReader(f);
        Node n = reader.read(c.expr());
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : c.expected().keySet()) {
            out.put(key, value(f, reader, n, key));
        }
        return out;
    }

    private static String value(NodeFactory f, ExprReader reader, Node n, String key) {
        if (key.equals("canon")) {
            return TextPrinter.print(n);
        }
        if (key.equals("latex")) {
            return LatexPrinter.print(n);
        }
        if (key.equals("simp")) {
            return TextPrinter.print(Simplifier.standard().run(f, n));
        }
        boolean simp = key.startsWith("simp ");
        String d = simp ? key.substring(5) : key;
        if (d.startsWith("d/d")) {
            Symbol s = reader.symbol(d.substring(3));
            Node forward = ForwardMode.derivative(f, n, s);
            Node reverse = ReverseMode.gradient(f, n, s)[0];
            Node shown = simp ? Simplifier.standard().run(f, forward) : forward;
            String text = TextPrinter.print(shown);
            if (!simp && forward != reverse) {
                // Both modes must agree; when their canonical forms differ, show both.
                text = text + "\n(reverse) " + TextPrinter.print(reverse);
            }
            return text;
        }
        throw new IllegalArgumentException("unknown golden key " + key);
    }

    private static List<Case> parse(List<String> lines) {
        List<Case> cases = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        String expr = null;
        Map<String, String> expected = new LinkedHashMap<>();
        String lastKey = null;
        for (String line : lines) {
            if (line.isBlank()) {
                if (expr != null || !comments.isEmpty()) {
                    cases.add(new Case(comments, expr, expected));
                }
                comments = new ArrayList<>();
                expr = null;
                expected = new LinkedHashMap<>();
                lastKey = null;
            } else if (line.startsWith("#")) {
                comments.add(line);
            } else if (line.startsWith("  ") && lastKey != null) {
                expected.merge(lastKey, line.substring(2), (a, b) -> a + "\n" + b);
            } else {
                int colon = line.indexOf(':');
                String key = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (key.equals("expr")) {
                    expr = value;
                } else {
                    expected.put(key, value);
                    lastKey = key;
                }
            }
        }
        if (expr != null || !comments.isEmpty()) {
            cases.add(new Case(comments, expr, expected));
        }
        return cases;
    }

    private static String render(List<Case> cases) {
        StringBuilder sb = new StringBuilder();
        for (Case c : cases) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            c.comments().forEach(l -> sb.append(l).append('\n'));
            if (c.expr() == null) {
                continue;
            }
            sb.append("expr: ").append(c.expr()).append('\n');
            compute(c).forEach((k, v) -> sb.append(k).append(": ").append(v.replace("\n", "\n  ")).append('\n'));
        }
        return sb.toString();
    }
}
