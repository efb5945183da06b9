package geo.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Runs {@code geo ...} through {@link Main#run} with captured streams, for the command tests. */
public final class Geo {

    /** The bundled examples (the module runs its tests in cli/). */
    public static final Path EXAMPLES = Path.of(System.getProperty("geo.examples.dir", "../examples"));

    /** What a run printed and returned. */
    public record Outcome(int exit, String out, String err) {
    }

    private Geo() {
    }

    /** The path of a bundled example, e.g. {@code example("poincare.geo")}. */
    public static String example(String name) {
        return EXAMPLES.resolve(name).toString();
    }

    /** Runs {@code geo args...} with empty standard input, and checks that no stack trace was printed. */
    public static Outcome geo(String... args) {
        return run("", args);
    }

    /** Runs {@code geo args...} with {@code input} on standard input, and checks that no stack trace was printed. */
    public static Outcome run(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        Outcome o = new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertFalse(o.err().contains("\tat "), "no stack traces: " + o.err());
        return o;
    }
}
