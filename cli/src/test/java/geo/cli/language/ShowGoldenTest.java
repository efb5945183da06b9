package geo.cli.language;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.Main;
import geo.cli.common.ExitCodes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files of {@code geo show}: {@code src/test/resources/golden/show/NAME} holds the exact
 * standard output of one command on a bundled example (the examples directory printed as
 * {@code examples}). Every example has its default output ({@code EXAMPLE.txt}); the cases below
 * add every section, values at points, LaTeX ({@code .tex}) and JSON ({@code .json}).
 *
 * <p>Run with {@code -Dgeo.golden.update=true} to rewrite the files from the current output, then
 * review the diff: the mathematics in them is what a reviewer checks.
 */
class ShowGoldenTest {

    private static final boolean UPDATE = Boolean.getBoolean("geo.golden.update");
    private static final Path BASE = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath();
    private static final Path DIR = BASE.resolve("src/test/resources/golden/show");
    private static final Path EXAMPLES = BASE.getParent().resolve("examples");

    private static final String[] ALL = {"--metric", "--christoffel", "--spray", "--curvature", "--euler-lagrange"};

    /** A golden file and the arguments after {@code geo show EXAMPLE}. */
    private record Case(String golden, String example, List<String> args) {
    }

    private static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> list = Files.list(EXAMPLES)) {
            for (Path p : list.filter(p -> p.toString().endsWith(".geo")).sorted().toList()) {
                String name = p.getFileName().toString();
                cases.add(new Case(name.replace(".geo", ".txt"), name, List.of()));
            }
        }
        for (String example : new String[] {"sphere", "polar", "poincare", "hyperbolic_halfplane", "poincare5", "spd"}) {
            cases.add(new Case(example + ".all.txt", example + ".geo", List.of(ALL)));
        }
        cases.add(new Case("sphere.at.txt", "sphere.geo",
                List.of("--christoffel", "--spray", "--curvature", "--at", "0.5,1")));
        cases.add(new Case("sphere.all.tex", "sphere.geo", concat(ALL, "--latex")));
        cases.add(new Case("sphere.at.json", "sphere.geo",
                List.of("--metric", "--christoffel", "--spray", "--curvature", "--at", "0.5,1", "--json")));
        cases.add(new Case("poincare.at.txt", "poincare.geo", List.of("--curvature", "--at", "0.1,0.2")));
        cases.add(new Case("poincare.all.tex", "poincare.geo", concat(ALL, "--latex")));
        cases.add(new Case("poincare.at.json", "poincare.geo",
                List.of("--christoffel", "--spray", "--curvature", "--at", "0.1,0.2", "--velocity", "0.5,-1", "--json")));
        cases.add(new Case("poincare5.at.txt", "poincare5.geo",
                List.of("--spray", "--at", "0.1,0.2,0.1,0,0.3", "--velocity", "1,0,0,0,0")));
        cases.add(new Case("obstacle.at.txt", "obstacle.geo", List.of("--at", "0.1,0.2", "--velocity", "1,-0.5")));
        cases.add(new Case("obstacle.tex", "obstacle.geo", List.of("--latex")));
        cases.add(new Case("timed.at.txt", "timed.geo", List.of("--at", "1,2", "--velocity=-1,0.5")));
        cases.add(new Case("deep.at.txt", "deep.geo", List.of("--at", "0.1,0.2")));
        cases.add(new Case("deep.curvature.txt", "deep.geo", List.of("--curvature", "--at", "0.1,0.2")));
        cases.add(new Case("pullback.at.txt", "pullback.geo", List.of("--metric", "--christoffel", "--at", "0.3,-0.2")));
        cases.add(new Case("taskmet.json", "taskmet.geo", List.of("--json")));
        return cases;
    }

    private static List<String> concat(String[] first, String... more) {
        List<String> out = new ArrayList<>(List.of(first));
        out.addAll(List.of(more));
        return out;
    }

    @TestFactory
    Stream<DynamicTest> golden() throws IOException {
        List<Case> cases = cases();
        Files.createDirectories(DIR);
        Set<String> expected = cases.stream().map(Case::golden).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(cases.size(), expected.size(), "golden file names must be unique");
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("no stale golden files", () -> {
            try (Stream<Path> list = Files.list(DIR)) {
                Set<String> present = list.map(p -> p.getFileName().toString())
                        .collect(Collectors.toCollection(TreeSet::new));
                if (UPDATE) {
                    for (String stale : present) {
                        if (!expected.contains(stale)) {
                            Files.delete(DIR.resolve(stale));
                        }
                    }
                    return;
                }
                assertEquals(expected, present);
            }
        }));
        for (Case c : cases) {
            tests.add(DynamicTest.dynamicTest(c.golden() + " <- geo show " + c.example() + " " + String.join(" ", c.args()),
                    () -> check(c)));
        }
        return tests.stream();
    }

    private static void check(Case c) throws IOException {
        List<String> args = new ArrayList<>(List.of("show", EXAMPLES.resolve(c.example()).toString()));
        args.addAll(c.args());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args.toArray(String[]::new), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertEquals(ExitCodes.OK, exit, stderr);
        assertEquals("", stderr);
        String actual = out.toString(StandardCharsets.UTF_8).replace(EXAMPLES.toString(), "examples");
        Path file = DIR.resolve(c.golden());
        if (UPDATE) {
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(file), "missing golden file " + file + "; run with -Dgeo.golden.update=true");
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, c.golden());
    }
}
