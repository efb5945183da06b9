package geo.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.jar.JarWriter;
import geo.compiler.source.SourceFile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java API page (src/site/markdown/java-api.md) is true: its program is taken from the page,
 * compiled against the runtime, run on the compiled {@code spd.geo}, and what it prints must be
 * the output the page shows. The printed numbers are the closed forms of a constant metric, which
 * the page derives, so a change in the solvers that moved them would fail here.
 */
class JavaApiDocTest {

    private static final Path BASE = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath();
    private static final Path PAGE = BASE.resolve("../src/site/markdown/java-api.md").normalize();
    private static final Pattern JAVA = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TEXT = Pattern.compile("```text\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void pageProgramCompilesRunsAndPrintsWhatThePageShows() throws Exception {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        Matcher code = JAVA.matcher(page);
        assertTrue(code.find(), "java-api.md has a java block");
        Matcher output = TEXT.matcher(page);
        assertTrue(output.find(code.end()), "java-api.md shows the program's output after it");
        Matcher name = Pattern.compile("public class (\\w+)").matcher(code.group(1));
        assertTrue(name.find());

        Path jar = dir.resolve("spd.jar");
        Path model = BASE.resolve("spd.geo");
        Frontend.Result checked = Frontend.checkFile(model);
        assertTrue(checked.ok(), checked.diagnostics().render());
        JarWriter.write(Compiler.compile(checked.program(), SourceFile.read(model)), jar);

        Path source = dir.resolve(name.group(1) + ".java");
        Files.writeString(source, code.group(1), StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "the tests run on a JDK");
        StringWriter diagnostics = new StringWriter();
        boolean compiled = javac.getTask(diagnostics, null, null, List.of("-classpath",
                System.getProperty("java.class.path"), "-d", dir.toString(), "-Xlint:all", "-Werror"), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(source.toFile()))
                .call();
        assertTrue(compiled, diagnostics.toString());

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Method main = loader.loadClass(name.group(1)).getMethod("main", String[].class);
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[] {jar.toString()});
        } finally {
            System.setOut(saved);
        }
        assertEquals(output.group(1), printed.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }
}
