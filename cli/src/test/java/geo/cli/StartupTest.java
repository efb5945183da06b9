package geo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.common.Io;
import geo.compiler.source.Diagnostics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

/**
 * Start-up (issue 23): {@code geo COMMAND} builds picocli's model of that command only, not of all
 * twelve; the registry's names are the commands' own; the training run of the start-up archive
 * succeeds; {@code geo check FILE...} runs without picocli and behaves exactly as with it, and
 * links no lambda.
 */
class StartupTest {

    private static Set<String> registered(String... args) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Io io = new Io(new ByteArrayInputStream(new byte[0]), sink, sink);
        return new TreeSet<>(Main.commandLine(new Main(io), new Main.Factory(io), args).getSubcommands()
                .keySet());
    }

    @Test
    void aNamedCommandIsTheOnlyOneRegistered() {
        assertEquals(Set.of("check"), registered("check", "a.geo"));
        assertEquals(Set.of("dist"), registered("--debug", "dist", "m.geo", "--x", "0,0", "--y", "1,1"));
        assertEquals(Set.of("show"), registered("show", "--help"));
    }

    @Test
    void helpUsageAndUnknownCommandsRegisterAll() {
        Set<String> all = new TreeSet<>(Main.COMMANDS.keySet());
        assertEquals(21, all.size());
        for (List<String> args : List.of(List.<String>of(), List.of("--help"), List.of("--version"), List.of("help", "check"),
                List.of("chek", "a.geo"))) {
            assertEquals(all, registered(args.toArray(String[]::new)), args.toString());
        }
    }

    @Test
    void eachNameIsItsCommandsOwn() {
        Main.COMMANDS.forEach((name, cls) -> assertEquals(name, cls.getAnnotation(Command.class).name(), cls.getName()));
    }

    @Test
    void plainCheckSkipsPicocliOnlyForFileNames() {
        assertEquals(List.of(Path.of("a.geo"), Path.of("b.geo")), Entry.plainCheck(new String[] {"check", "a.geo", "b.geo"}));
        for (List<String> args : List.of(List.of("check"), List.of("check", "-q", "a.geo"), List.of("check", "a.geo", "--json"),
                List.of("check", "@args"), List.of("check", "--", "a.geo"), List.of("check", ""), List.of("show", "a.geo"),
                List.of("--debug", "check", "a.geo"), List.of("check", "a\0.geo"))) {
            assertNull(Entry.plainCheck(args.toArray(String[]::new)), args.toString());
        }
    }

    /** The picocli-free {@code geo check FILE...} prints and returns exactly what picocli's parse of it does. */
    @Test
    void plainCheckBehavesAsThePicocliCommand(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.geo"), "manifold M {\n  coords x[2];\n  metric g = eye(3);\n}\n");
        Path missing = dir.resolve("missing.geo");
        for (List<String> files : List.of(List.of(Geo.example("sphere.geo")), List.of(Geo.example("deep.geo"), bad.toString()),
                List.of(missing.toString(), Geo.example("sphere.geo")))) {
            List<String> plain = new ArrayList<>(List.of("check"));
            plain.addAll(files);
            // --max-errors at its default makes picocli parse the same command.
            List<String> parsed = new ArrayList<>(plain);
            parsed.add("--max-errors=" + Diagnostics.DEFAULT_MAX_SHOWN);
            assertNotNull(Entry.plainCheck(plain.toArray(String[]::new)));
            assertNull(Entry.plainCheck(parsed.toArray(String[]::new)));
            assertEquals(Geo.geo(parsed.toArray(String[]::new)), Geo.geo(plain.toArray(String[]::new)), files.toString());
        }
        assertEquals(65, Geo.geo("check", bad.toString()).exit());
        assertEquals(64, Geo.geo("check", missing.toString()).exit());
    }

    /**
     * {@code geo check examples/sphere.geo} in a fresh JVM loads no lambda or method-handle class
     * (linking a program's first lambda costs several milliseconds, each further one a fraction of
     * one, and such classes are spun at run time) and not the generated lexer (its ATN and DFA cost
     * about 10 ms; {@code SourceLexer} lexes instead): bench/RESULTS.md, "Start-up".
     */
    @Test
    void checkLinksNoLambdaAndLoadsNoGeneratedLexer() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xlog:class+load=info",
                "-cp", System.getProperty("java.class.path"), "geo.cli.Entry", "check", Geo.example("sphere.geo"))
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        List<String> unwanted = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (line.contains("$$Lambda") || line.contains("LambdaForm$MH/") || line.contains("geo.grammar.GeoLexer ")) {
                unwanted.add(line);
            }
        }
        assertTrue(log.contains("geo.grammar.GeoParser "), "the class-load log is read");
        assertEquals(List.of(), unwanted);
    }

    @Test
    void theArchiveTrainingRunsCheckShowDistCompileAndVersion() throws Exception {
        assertEquals(0, StartupTraining.train());
    }
}
