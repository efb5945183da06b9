package geo.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training run of the class-data-sharing archive that {@code ./geo} makes once per build
 * ({@code java -XX:ArchiveClassesAtExit=cli/target/geo.jsa -cp geo.jar geo.cli.StartupTraining}):
 * runs {@code geo check}, {@code geo show}, {@code geo dist} and {@code geo compile} on the unit sphere and
 * {@code geo --version} (which registers every command) in one JVM, so that the classes of those
 * paths are loaded, then exits. The JVM writes every class it
 * loaded from the jar and the JDK, already parsed and verified, to the archive, and later runs
 * that name it ({@code -XX:SharedArchiveFile}) map them instead of loading them again; see
 * <a href="https://docs.oracle.com/en/java/javase/17/vm/class-data-sharing.html">Class Data
 * Sharing</a> (JDK 17). The commands' output is discarded; the exit code is 0 when all five
 * succeeded, else 1 (the launcher then simply has no archive).
 */
public final class StartupTraining {

    /** The model of {@code examples/sphere.geo}, inline so that training needs only the jar. */
    static final String SPHERE = """
            manifold Sphere {
              coords theta, phi in box([0.01, -pi], [3.13, pi]) periodic(phi, 2 * pi);
              metric g = diag([1, sin(theta)^2]);
            }
            """;

    private StartupTraining() {
    }

    /** Runs the training and exits 0 if all five commands succeeded, else 1. */
    public static void main(String[] args) throws IOException {
        System.exit(train() == 0 ? 0 : 1);
    }

    /** Runs the five commands (four on a temporary copy of the sphere); the number that failed. */
    static int train() throws IOException {
        Path dir = Files.createTempDirectory("geo-training");
        Path model = dir.resolve("sphere.geo");
        Path jar = dir.resolve("sphere.jar");
        int failures = 0;
        try {
            Files.writeString(model, SPHERE, StandardCharsets.UTF_8);
            String file = model.toString();
            failures += run("check", file);
            failures += run("show", file);
            failures += run("dist", file, "--x", "0.5,0", "--y", "1,1");
            // The emitter (ASM's tree API, geo.compiler.emit) and the jar writer, for geo compile.
            failures += run("compile", file, "-o", jar.toString());
            // Registers every command (as geo, geo --help and geo help do), so their classes are archived too.
            failures += run("--version");
        } finally {
            Files.deleteIfExists(model);
            Files.deleteIfExists(jar);
            Files.deleteIfExists(dir);
        }
        return failures;
    }

    private static int run(String... args) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return Main.run(args, new ByteArrayInputStream(new byte[0]), sink, sink) == 0 ? 0 : 1;
    }
}
