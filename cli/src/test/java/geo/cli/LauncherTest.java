package geo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./geo} launcher finds its checkout through symbolic links, as when a user puts it on
 * PATH with {@code ln -s /path/to/geo ~/bin/geo}; it used to build in the link's directory and
 * fail with a Maven reactor error. {@code GEO_PRINT_ROOT=1} makes it print the checkout and stop,
 * so the test neither builds nor runs Java.
 */
class LauncherTest {

    private static final Path SCRIPT = Path.of("..", "geo").toAbsolutePath().normalize();

    private static String root(Path launcher, Path workingDirectory) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", launcher.toString()).directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        pb.environment().put("GEO_PRINT_ROOT", "1");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(true, p.waitFor(30, TimeUnit.SECONDS), "the launcher finished");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static boolean bash() {
        try {
            return new ProcessBuilder("bash", "-c", "true").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void findsTheCheckoutThroughAChainOfRelativeAndAbsoluteLinks(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(SCRIPT) && bash(), "needs the geo script and bash");
        String real = SCRIPT.getParent().toRealPath().toString();
        assertEquals(real, root(SCRIPT, dir), "run directly");
        // ~/bin/geo -> ../opt/geo-link (relative) -> /path/to/checkout/geo (absolute)
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path opt = Files.createDirectories(dir.resolve("opt"));
        Files.createSymbolicLink(opt.resolve("geo-link"), SCRIPT);
        Files.createSymbolicLink(bin.resolve("geo"), Path.of("..", "opt", "geo-link"));
        assertEquals(real, root(bin.resolve("geo"), dir));
        assertEquals(real, root(Path.of("geo"), bin), "a relative path to the link, from its own directory");
        // A link to the checkout's directory, and the script through it.
        Files.createSymbolicLink(dir.resolve("checkout"), SCRIPT.getParent());
        assertEquals(real, root(dir.resolve("checkout").resolve("geo"), dir));
    }
}
