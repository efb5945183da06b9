package geo.cli.language;

import static geo.cli.Geo.geo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.Geo;
import geo.cli.Geo.Outcome;
import geo.cli.common.ExitCodes;
import geo.cli.common.Io;
import geo.cli.common.Progress;
import geo.runtime.api.CompiledModel;
import geo.runtime.api.Json;
import geo.runtime.load.Model;
import geo.runtime.load.ModelLoadException;
import geo.runtime.load.ModelSet;
import geo.runtime.load.Models;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code geo compile}, its jar, and loading the jar in this JVM and in a plain JVM with only the runtime. */
class CompileCommandTest {

    @TempDir
    Path dir;

    private static final String SPHERE = "// unit sphere\nmanifold Sphere {\n  coords theta, phi;\n"
            + "  metric g = diag([1, sin(theta)^2]);\n}\n";

    private Path sphereJar() throws IOException {
        Path src = dir.resolve("sphere.geo");
        Files.writeString(src, SPHERE);
        Path jar = dir.resolve("out/sphere.jar");
        Outcome o = geo("compile", src.toString(), "-o", jar.toString());
        assertEquals(0, o.exit(), o.err());
        assertEquals("wrote " + jar + ": metric Sphere (acceleration, curvature, lagrangian, metric)\n", o.out());
        return jar;
    }

    @Test
    void jarHoldsClassesIndexAndSourceAndLoads() throws IOException {
        Path jar = sphereJar();
        try (JarFile f = new JarFile(jar.toFile())) {
            assertTrue(f.getJarEntry("geo/models/Sphere.class") != null);
            assertTrue(f.getJarEntry(Models.INDEX) != null);
            assertTrue(f.getJarEntry(Models.DIGESTS) != null);
            assertEquals("2", f.getManifest().getMainAttributes().getValue("Geo-Jar-Format"));
            assertEquals(SPHERE, new String(f.getInputStream(f.getJarEntry("META-INF/geo/source/sphere.geo"))
                    .readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(Models.runtimeVersion(), f.getManifest().getMainAttributes().getValue("Geo-Compiler-Version"));
        }
        var set = Models.load(jar);
        assertEquals(SPHERE, set.source());
        Model m = set.only();
        assertEquals(2, m.dimension());
        assertEquals(List.of("theta", "phi"), m.descriptor().coordinates());
        double[] g = new double[4];
        m.metric().metric(new double[] {0.5, 0}, new double[0], g);
        assertEquals(Math.sin(0.5) * Math.sin(0.5), g[3], 0);
    }

    /**
     * The reproducer of issue #13 item 5: a Poincaré ball of 35 coordinates was "internal error:
     * kernel system cannot be split below 8000 bytes per method" (exit 70). It compiles, and
     * {@code geo dist} on the jar meets arccosh(1 + 2|x − y|² / ((1 − |x|²)(1 − |y|²))).
     */
    @Test
    void poincareBallOfThirtyFiveCoordinatesCompilesAndMeasuresDistances() throws IOException {
        int d = 35;
        Path src = dir.resolve("ball35.geo");
        Files.writeString(src, "manifold Ball35 {\n  coords x[" + d + "] in ball(1);\n"
                + "  metric g = (2 / (1 - dot(x, x)))^2 * eye(" + d + ");\n}\n");
        Path jar = dir.resolve("ball35.jar");
        Outcome o = geo("compile", src.toString(), "-o", jar.toString());
        assertEquals(0, o.exit(), o.err());
        double[] x = new double[d];
        double[] y = new double[d];
        StringBuilder xs = new StringBuilder();
        StringBuilder ys = new StringBuilder();
        double xx = 0;
        double yy = 0;
        double diff = 0;
        for (int i = 0; i < d; i++) {
            x[i] = 0.1 * Math.sin(i + 1);
            y[i] = 0.1 * Math.cos(2 * i + 1);
            xx += x[i] * x[i];
            yy += y[i] * y[i];
            diff += (x[i] - y[i]) * (x[i] - y[i]);
            xs.append(i == 0 ? "" : ",").append(x[i]);
            ys.append(i == 0 ? "" : ",").append(y[i]);
        }
        double z = 1 + 2 * diff / ((1 - xx) * (1 - yy));
        double expected = Math.log(z + Math.sqrt(z * z - 1));
        Outcome dist = geo("dist", jar.toString(), "--x", xs.toString(), "--y", ys.toString(), "--json");
        assertEquals(0, dist.exit(), dist.err());
        Map<?, ?> json = (Map<?, ?>) Json.parse(dist.out());
        assertEquals("CONVERGED", json.get("status"), dist.out());
        assertEquals(expected, ((Number) json.get("dist")).doubleValue(), 1e-8, dist.out());
    }

    @Test
    void reportListsStagesAndMethods() throws IOException {
        Path src = dir.resolve("sphere.geo");
        Files.writeString(src, SPHERE);
        Outcome o = geo("compile", src.toString(), "-o", dir.resolve("s.jar").toString(), "--report");
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("Sphere               lower"), o.out());
        assertTrue(o.out().contains("class geo.models.Sphere"), o.out());
        assertTrue(o.out().contains("  acceleration "), o.out());
    }

    @Test
    void errorsAndUsage() throws IOException {
        Path bad = dir.resolve("bad.geo");
        Files.writeString(bad, "manifold M {\n  coords x[2];\n  metric g = eye(3);\n}\n");
        Outcome o = geo("compile", bad.toString());
        assertEquals(ExitCodes.COMPILE_ERROR, o.exit());
        assertTrue(o.err().contains("bad.geo:3:14: error: metric 'g' must be a 2×2 matrix"), o.err());
        assertEquals(ExitCodes.USAGE, geo("compile", dir.resolve("missing.geo").toString()).exit());
        assertEquals(ExitCodes.USAGE, geo("compile").exit());
        Path empty = dir.resolve("empty.geo");
        Files.writeString(empty, "def f(a) = a;\n");
        Outcome nothing = geo("compile", empty.toString(), "-o", dir.resolve("e.jar").toString());
        assertEquals(ExitCodes.COMPILE_ERROR, nothing.exit());
        assertTrue(nothing.err().contains("declares no manifold, loss or fn"), nothing.err());
    }

    /** --param and --params replace the default θ stored in the jar, which then needs no overrides. */
    @Test
    void parameterOverridesBecomeTheJarsDefaults() throws IOException {
        Path jar = dir.resolve("spd4.jar");
        Outcome o = geo("compile", Geo.example("spd.geo"), "-o", jar.toString(), "--param", "A=4,0,0,0,1,0,0,0,1");
        assertEquals(0, o.exit(), o.err());
        assertArrayEquals(new double[] {4, 0, 0, 0, 1, 0, 0, 0, 1}, Models.load(jar).only().defaultParameters(), 0);
        Outcome dist = geo("dist", jar.toString(), "--x", "0,0,0", "--y", "1,0,0");
        assertEquals(0, dist.exit(), dist.err());
        assertTrue(dist.out().startsWith("dist = 2.0"), dist.out());

        Path params = dir.resolve("trained.json");
        Files.writeString(params, "{\"bf\": [0.5, -1, 2]}");
        Path loss = dir.resolve("task.jar");
        o = geo("compile", Geo.example("taskmet.geo"), "-o", loss.toString(), "--params", params.toString());
        assertEquals(0, o.exit(), o.err());
        ModelSet task = Models.load(loss);
        // the loss pred and the fn metricOf it calls: both get the saved parameters, matched by name
        for (Model pred : List.of(task.model("pred"), task.function("metricOf"))) {
            int offset = pred.descriptor().parameters().stream().filter(p -> p.name().equals("bf")).findFirst()
                    .orElseThrow().offset();
            assertArrayEquals(new double[] {0.5, -1, 2},
                    Arrays.copyOfRange(pred.defaultParameters(), offset, offset + 3), 0);
        }
    }

    @Test
    void badParameterOverridesAreUsageErrorsAndWriteNoJar() throws IOException {
        Path jar = dir.resolve("no.jar");
        Outcome unknown = geo("compile", Geo.example("spd.geo"), "-o", jar.toString(), "--param", "B=1");
        assertEquals(ExitCodes.USAGE, unknown.exit());
        assertEquals("geo compile: --param: unknown parameter 'B'; the model has [A]\n", unknown.err());
        Outcome size = geo("compile", Geo.example("spd.geo"), "-o", jar.toString(), "--param", "A=1,2");
        assertEquals(ExitCodes.USAGE, size.exit());
        assertEquals("geo compile: --param A needs 9 values, got 2\n", size.err());
        Path params = dir.resolve("bad.json");
        Files.writeString(params, "[1, 2]");
        Outcome notAnObject = geo("compile", Geo.example("spd.geo"), "-o", jar.toString(), "--params", params.toString());
        assertEquals("geo compile: " + params + ": expected a JSON object of parameter names to values\n",
                notAnObject.err());
        assertTrue(!Files.exists(jar));
    }

    @Test
    void jsonDescribesTheJarAndTheReport() throws IOException {
        Path src = dir.resolve("sphere.geo");
        Files.writeString(src, SPHERE);
        Path jar = dir.resolve("s.jar");
        Outcome o = geo("compile", src.toString(), "-o", jar.toString(), "--json", "--report");
        assertEquals(0, o.exit(), o.err());
        Map<?, ?> doc = (Map<?, ?>) Json.parse(o.out());
        assertEquals(jar.toString(), doc.get("jar"));
        Map<?, ?> model = (Map<?, ?>) ((List<?>) doc.get("models")).get(0);
        assertEquals(List.of("geo.models.Sphere", "Sphere", "metric", 2.0, 0.0),
                List.of(model.get("class"), model.get("name"), model.get("kind"), model.get("dimension"),
                        model.get("parameters")));
        assertEquals(List.of("acceleration", "curvature", "lagrangian", "metric"), model.get("kernels"));
        Map<?, ?> report = (Map<?, ?>) doc.get("report");
        assertEquals(2, ((List<?>) report.get("stages")).size());
        List<?> methods = (List<?>) ((Map<?, ?>) ((List<?>) report.get("classes")).get(0)).get("methods");
        double largest = 0;
        for (Object m : methods) {
            largest = Math.max(largest, (Double) ((Map<?, ?>) m).get("bytes"));
        }
        assertEquals(largest, report.get("largestMethod"));
        assertTrue(methods.stream().anyMatch(m -> "acceleration".equals(((Map<?, ?>) m).get("name"))), methods.toString());
        Outcome plain = geo("compile", src.toString(), "-o", jar.toString(), "--json");
        assertTrue(!((Map<?, ?>) Json.parse(plain.out())).containsKey("report"), plain.out());
    }

    /**
     * A compile asks for progress on this run's standard error (how it is drawn is ProgressTest's
     * concern), and short work leaves both streams as they were.
     */
    @Test
    void aCompileReportsProgressOnStandardError() throws IOException {
        Path src = dir.resolve("sphere.geo");
        Files.writeString(src, SPHERE);
        Path jar = dir.resolve("p.jar");
        BiFunction<Io, String, Progress.Output> saved = Progress.detector;
        List<String> requests = new ArrayList<>();
        Progress.detector = (io, prefix) -> {
            requests.add(prefix);
            assertTrue(io.err() != System.err && io.out() != System.out, "the run's own streams");
            return saved.apply(io, prefix);
        };
        Outcome o;
        try {
            o = geo("compile", src.toString(), "-o", jar.toString());
        } finally {
            Progress.detector = saved;
        }
        assertEquals(0, o.exit(), o.err());
        assertEquals(List.of("geo compile"), requests);
        assertEquals("wrote " + jar + ": metric Sphere (acceleration, curvature, lagrangian, metric)\n", o.out());
        assertEquals("", o.err());
    }

    /**
     * A jar claiming another compiler version, or whose index names another model, was changed
     * after 'geo compile': its index no longer matches its digest (ModelJarTamperTest has the rest).
     */
    @Test
    void foreignOrTamperedJarsAreRefused() throws IOException {
        Path jar = sphereJar();
        Path foreign = rewriteIndex(jar, "foreign.jar", "\"compilerVersion\":\"" + Models.runtimeVersion() + "\"",
                "\"compilerVersion\":\"0.0.1\"");
        ModelLoadException e = org.junit.jupiter.api.Assertions.assertThrows(ModelLoadException.class,
                () -> Models.load(foreign));
        assertTrue(e.getMessage().contains("entry META-INF/geo/models.json was modified after 'geo compile'"),
                e.getMessage());
        Path tampered = rewriteIndex(jar, "tampered.jar", "\"name\":\"Sphere\"", "\"name\":\"Other\"");
        e = org.junit.jupiter.api.Assertions.assertThrows(ModelLoadException.class, () -> Models.load(tampered));
        assertTrue(e.getMessage().contains("entry META-INF/geo/models.json was modified after 'geo compile'"),
                e.getMessage());
    }

    private Path rewriteIndex(Path jar, String name, String from, String to) throws IOException {
        Path out = dir.resolve(name);
        try (JarFile in = new JarFile(jar.toFile()); OutputStream file = Files.newOutputStream(out);
             JarOutputStream o = new JarOutputStream(file)) {
            var entries = in.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                byte[] bytes = in.getInputStream(e).readAllBytes();
                if (e.getName().equals(Models.INDEX)) {
                    String text = new String(bytes, StandardCharsets.UTF_8);
                    assertTrue(text.contains(from), text);
                    bytes = text.replace(from, to).getBytes(StandardCharsets.UTF_8);
                }
                o.putNextEntry(new JarEntry(e.getName()));
                o.write(bytes);
                o.closeEntry();
            }
        }
        return out;
    }

    /**
     * The jar runs in a plain JVM whose class path is only the Geo runtime (its jar, or its class
     * directory when the reactor has not packaged it) and a user program run by java's source launcher.
     */
    @Test
    void jarLoadsInAPlainJvmWithOnlyTheRuntime() throws Exception {
        Path jar = sphereJar();
        Path runtime = Path.of(CompiledModel.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path probe = dir.resolve("Probe.java");
        try (InputStream in = getClass().getResourceAsStream("/probe/Probe.java")) {
            Files.write(probe, in.readAllBytes());
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", runtime.toString(), probe.toString(), jar.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the plain JVM did not finish");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        double s = Math.sin(0.7);
        double c = Math.cos(0.7);
        assertTrue(out.contains("metric Sphere (d = 2, 0 parameters)"), out);
        assertTrue(out.contains("a = " + (s * c * 1.1 * 1.1) + " " + (-2 * c / s * 0.2 * 1.1)), out);
        assertTrue(out.contains("R = 2.0") || out.contains("R = 1.99999999999") || out.contains("R = 2.00000000000"),
                out);
        assertTrue(out.contains("loader = true"), out);
    }
}
