package geo.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.check.Shape;
import geo.compiler.driver.Frontend;
import geo.compiler.source.Diagnostic;
import geo.compiler.source.SourceFile;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The language tests: every {@code .geo} file under {@code src/test/resources/lang} is checked and
 * its diagnostics compared with the expectations written in its own comments:
 * <pre>
 *   // @error 4:17 cannot add a vector of length 2 to a vector of length 3
 *   // @note 2:7 'x' is first defined here
 *   // @warning lib/other.geo:1:5 text          (a diagnostic in another file)
 *   // @shape M.h [3]                           (the inferred shape of a declaration)
 * </pre>
 * A file without {@code @error}, {@code @warning} or {@code @note} lines must check cleanly.
 * Diagnostics compare as a sorted list of "severity [file:]line:col message" lines.
 */
class LanguageTest {

    private static final Pattern DIAGNOSTIC =
            Pattern.compile("//\\s*@(error|warning|note)\\s+(?:([^\\s:]+\\.geo):)?(\\d+):(\\d+)\\s+(.*?)\\s*$");
    private static final Pattern SHAPE = Pattern.compile("//\\s*@shape\\s+(\\S+)\\s+(.*?)\\s*$");

    @TestFactory
    Stream<DynamicTest> languageFiles() throws IOException, URISyntaxException {
        Path root = Path.of(LanguageTest.class.getResource("/lang").toURI());
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".geo")).sorted().toList();
        }
        assertTrue(files.size() >= 60, "expected at least 60 language test files, found " + files.size());
        return files.stream().map(f -> DynamicTest.dynamicTest(root.relativize(f).toString(), () -> run(f)));
    }

    private static void run(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String display = file.getFileName().toString();
        List<String> expected = new ArrayList<>();
        Map<String, String> shapes = new TreeMap<>();
        for (String line : text.split("\n", -1)) {
            Matcher d = DIAGNOSTIC.matcher(line);
            if (d.find()) {
                String where = (d.group(2) == null ? "" : d.group(2) + ":") + d.group(3) + ":" + d.group(4);
                expected.add(d.group(1) + " " + where + " " + d.group(5));
            }
            Matcher s = SHAPE.matcher(line);
            if (s.find()) {
                shapes.put(s.group(1), s.group(2));
            }
        }
        Frontend.Result result = Frontend.check(new SourceFile(display, file, text));
        List<String> actual = new ArrayList<>();
        for (Diagnostic d : result.diagnostics().sorted()) {
            actual.add(format(d, display));
            for (Diagnostic n : d.notes()) {
                actual.add(format(n, display));
            }
        }
        Collections.sort(expected);
        Collections.sort(actual);
        assertEquals(String.join("\n", expected), String.join("\n", actual),
                "diagnostics of " + file + "\n--- rendered ---\n" + result.diagnostics().render());
        if (!shapes.isEmpty()) {
            assertNotNull(result.program(), "the file must check cleanly to test shapes");
            Map<String, String> inferred = new TreeMap<>();
            for (String name : shapes.keySet()) {
                Shape s = result.program().shapes().get(name);
                inferred.put(name, s == null ? "(none)" : s.toString());
            }
            assertEquals(shapes, inferred, "inferred shapes of " + file);
        }
    }

    private static String format(Diagnostic d, String display) {
        String file = d.span().file().displayName();
        String where = (file.equals(display) ? "" : file + ":") + d.span().line() + ":" + d.span().column();
        return d.severity().label() + " " + where + " " + d.message();
    }
}
