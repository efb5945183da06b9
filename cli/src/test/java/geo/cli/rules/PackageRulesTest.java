package geo.cli.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The package rules ({@link PackageRules}) hold for the main sources of every module, and the
 * checker finds each kind of violation in a synthetic import graph made to break it.
 */
class PackageRulesTest {

    /** The repository: the module's tests run in {@code cli/}. */
    private static Path repository() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("cli/src")) ? here : here.getParent();
    }

    @Test
    void theSourcesKeepThePackageRules() {
        Map<String, Set<String>> graph = PackageRules.scan(repository());
        // The scan must see the whole tree, or the rules would pass on nothing.
        for (String p : List.of("geo.cli", "geo.cli.common", "geo.cli.options", "geo.cli.language", "geo.cli.solve",
                "geo.cli.plot", "geo.cli.learn.embed", "geo.cli.repl", "geo.runtime.api", "geo.runtime.bvp",
                "geo.compiler.show", "geo.grammar")) {
            assertTrue(graph.containsKey(p) || graph.values().stream().anyMatch(s -> s.contains(p)), "scanned " + p);
        }
        assertTrue(graph.get("geo.cli.repl").contains("geo.cli.common"), "imports are read: " + graph.get("geo.cli.repl"));
        assertTrue(graph.get("geo.cli").contains("geo.cli.repl"), "the root imports its commands");
        assertTrue(graph.size() >= 35, "packages scanned: " + graph.size());
        assertEquals(List.of(), PackageRules.violations(graph));
    }

    @Test
    void aLibraryPackageImportingLearningIsRefused() {
        assertEquals(List.of("geo.runtime.bvp imports geo.runtime.learn: a runtime library package must not depend on "
                + "learning"), PackageRules.violations(graph("geo.runtime.bvp -> geo.runtime.learn")));
        assertEquals(1, PackageRules.violations(graph("geo.runtime.manifold.closed -> geo.runtime.learn.embed")).size());
        assertEquals(List.of(), PackageRules.violations(graph("geo.runtime.learn -> geo.runtime.bvp")));
    }

    @Test
    void oneLearningTaskImportingAnotherIsRefused() {
        assertEquals(List.of("geo.runtime.learn.embed imports geo.runtime.learn.motion: one learning task must not "
                + "depend on another (shared code belongs in geo.runtime.learn)"),
                PackageRules.violations(graph("geo.runtime.learn.embed -> geo.runtime.learn.motion")));
        assertEquals(1, PackageRules.violations(graph("geo.runtime.learn.embed.x -> geo.runtime.learn.taskmet.y")).size());
        // The shared loop and a task's own subpackages are fine.
        assertEquals(List.of(), PackageRules.violations(graph("geo.runtime.learn.embed -> geo.runtime.learn",
                "geo.runtime.learn.embed -> geo.runtime.learn.embed.metrics")));
    }

    @Test
    void aCliPackageImportingAnotherCommandIsRefused() {
        assertEquals(List.of("geo.cli.learn.embed imports geo.cli.plot: a CLI package may import only geo.cli.common, "
                + "geo.cli.options and libraries"), PackageRules.violations(graph("geo.cli.learn.embed -> geo.cli.plot")));
        assertEquals(1, PackageRules.violations(graph("geo.cli.repl -> geo.cli.language")).size());
        assertEquals(1, PackageRules.violations(graph("geo.cli.repl -> geo.cli")).size(), "the root is not common");
        assertEquals(1, PackageRules.violations(graph("geo.cli.learn.embed -> geo.cli.learn.motion")).size());
        assertEquals(List.of(), PackageRules.violations(graph("geo.cli.repl -> geo.cli.solve", "geo.cli.repl -> geo.cli.plot",
                "geo.cli.solve -> geo.cli.common.figure", "geo.cli.plot -> geo.cli.options", "geo.cli -> geo.cli.repl",
                "geo.cli.solve -> geo.runtime.bvp", "geo.cli.solve -> geo.compiler.driver")));
    }

    @Test
    void aPackageCycleIsRefusedWithItsPackagesNamed() {
        // Every edge here is allowed on its own: only the cycle is wrong.
        assertEquals(List.of("package cycle: geo.compiler.a, geo.compiler.b, geo.compiler.c"),
                PackageRules.violations(graph("geo.compiler.a -> geo.compiler.b", "geo.compiler.b -> geo.compiler.c",
                        "geo.compiler.c -> geo.compiler.a", "geo.compiler.c -> geo.runtime.api")));
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d")),
                PackageRules.cycles(graph("a -> b", "b -> a", "b -> c", "c -> d", "d -> c")));
        assertEquals(List.of(), PackageRules.cycles(graph("a -> b", "b -> c", "a -> c", "a -> a")));
    }

    @Test
    void importsAreReadAsPackages() {
        Map<String, Set<String>> g = new HashMap<>();
        PackageRules.add(g, """
                package geo.cli.repl;

                import geo.cli.common.figure.Figure.Bounds;
                import static geo.cli.common.ExitCodes.OK;
                import geo.runtime.learn.*;
                import java.util.List;

                /** {@link geo.cli.language.CheckCommand} in a comment is no dependency. */
                class X {
                    String s = "geo.cli.plot.Nothing";
                    geo.runtime.bvp.Batch b; // geo.cli.solve.Points
                }
                """);
        assertEquals(Set.of("geo.cli.common.figure", "geo.cli.common", "geo.runtime.learn", "geo.runtime.bvp"),
                g.get("geo.cli.repl"));
    }

    /** A graph from lines "from -> to". */
    private static Map<String, Set<String>> graph(String... edges) {
        Map<String, Set<String>> g = new HashMap<>();
        for (String e : edges) {
            String[] ft = e.split(" -> ");
            g.computeIfAbsent(ft[0], k -> new TreeSet<>()).add(ft[1]);
        }
        return g;
    }
}
