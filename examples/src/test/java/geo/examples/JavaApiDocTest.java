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

    /**
     * The page's snippets for functions and for fitting compile against the runtime and run: each
     * block under "## Functions" and "## Fitting a loss to data" becomes the body of a method (with
     * the runtime's packages imported and {@code Path.of("…")} resolved in a folder holding the
     * compiled {@code examples/taskmet.geo} and {@code examples/fit/regression.geo} and
     * {@code examples/fit/train.csv}); the fit must end with a usable status.
     */
    @Test
    void functionAndFittingSnippetsCompileAndRun() throws Exception {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        compileModel(BASE.resolve("taskmet.geo"), dir.resolve("taskmet.jar"));
        compileModel(BASE.resolve("fit/regression.geo"), dir.resolve("regression.jar"));
        Files.copy(BASE.resolve("fit/train.csv"), dir.resolve("train.csv"));
        int k = 0;
        for (String section : List.of("## Functions", "## Fitting a loss to data")) {
            int at = page.indexOf("\n" + section);
            assertTrue(at >= 0, "java-api.md has the section " + section);
            Matcher block = Pattern.compile("```\n(.*?)```", Pattern.DOTALL).matcher(page);
            assertTrue(block.find(at), "a code block under " + section);
            String body = block.group(1).replace("Path.of(\"", "DIR.resolve(\"");
            String name = "Snippet" + k++;
            String source = "import geo.runtime.api.*;\nimport geo.runtime.data.table.*;\nimport geo.runtime.learn.*;\n"
                    + "import geo.runtime.learn.fit.*;\nimport geo.runtime.load.*;\nimport java.nio.file.*;\n"
                    + "import java.util.*;\n\npublic class " + name + " {\n    public static Path DIR;\n\n"
                    + "    public static Object run() throws Exception {\n" + body
                    + (section.contains("Fitting") ? "        return r;\n" : "        return thetaBar;\n") + "    }\n}\n";
            Path file = dir.resolve(name + ".java");
            Files.writeString(file, source, StandardCharsets.UTF_8);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            StringWriter diagnostics = new StringWriter();
            boolean compiled = javac.getTask(diagnostics, null, null, List.of("-classpath",
                    System.getProperty("java.class.path"), "-d", dir.toString()), null,
                    javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(file.toFile()))
                    .call();
            assertTrue(compiled, section + ":\n" + source + diagnostics);
            PrintStream saved = System.out;
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
                Class<?> c = loader.loadClass(name);
                c.getField("DIR").set(null, dir);
                System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
                Object result = c.getMethod("run").invoke(null);
                if (result instanceof geo.runtime.learn.fit.FitResult r) {
                    assertTrue(r.status() == geo.runtime.learn.fit.FitStatus.CONVERGED
                            || r.status() == geo.runtime.learn.fit.FitStatus.STOPPED_EARLY
                            || r.status() == geo.runtime.learn.fit.FitStatus.EPOCH_LIMIT, r.message());
                    assertTrue(printed.toString(StandardCharsets.UTF_8).contains(r.status() + ": "));
                } else {
                    double[] thetaBar = (double[]) result;
                    assertTrue(java.util.Arrays.stream(thetaBar).anyMatch(v -> v != 0), "∇ trace(g) in θ is not zero");
                }
            } finally {
                System.setOut(saved);
            }
        }
    }

    private static void compileModel(Path model, Path jar) throws Exception {
        Frontend.Result checked = Frontend.checkFile(model);
        assertTrue(checked.ok(), checked.diagnostics().render());
        JarWriter.write(Compiler.compile(checked.program(), SourceFile.read(model)), jar);
    }
}
