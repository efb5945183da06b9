package geo.compiler.jar;

import geo.compiler.driver.BuildId;
import geo.compiler.driver.Compiler;
import geo.runtime.api.Json;
import geo.runtime.load.CodeSource;
import geo.runtime.load.Models;
import geo.runtime.load.RuntimeApi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes {@code geo compile}'s jar (format {@value Models#FORMAT}): the manifest, the index
 * {@value Models#INDEX}, the source, the classes, and {@value Models#DIGESTS}, which records the
 * format, the compiler's version and {@link BuildId build identity}, the runtime API fingerprint
 * and the SHA-256 of every other entry, so that the loader can refuse a jar changed after
 * compilation. Entries carry a fixed time, so the same source and compiler build give the same bytes.
 */
public final class JarWriter {

    private static final long FIXED_TIME = 315532800000L;

    private JarWriter() {
    }

    public static void write(Compiler.Compiled compiled, Path out) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("META-INF/MANIFEST.MF", manifest(compiled));
        entries.put(Models.INDEX, compiled.indexJson().getBytes(StandardCharsets.UTF_8));
        entries.put(compiled.sourceEntry(), compiled.source().text().getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> c : compiled.classFiles().entrySet()) {
            entries.put(c.getKey().replace('.', '/') + ".class", c.getValue());
        }
        byte[] digests = digests(compiled, entries).getBytes(StandardCharsets.UTF_8);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream file = Files.newOutputStream(out);
             JarOutputStream jar = new JarOutputStream(file)) {
            boolean first = true;
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                entry(jar, e.getKey(), e.getValue());
                if (first) {
                    entry(jar, Models.DIGESTS, digests);
                    first = false;
                }
            }
        }
    }

    /** The content of {@value Models#DIGESTS}: format, compiler, runtime API and each entry's SHA-256. */
    static String digests(Compiler.Compiled compiled, Map<String, byte[]> entries) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", Models.FORMAT);
        Map<String, Object> compiler = new LinkedHashMap<>();
        compiler.put("version", compiled.compilerVersion());
        compiler.put("build", BuildId.current());
        doc.put("compiler", compiler);
        doc.put("runtimeApi", RuntimeApi.fingerprint());
        doc.put("algorithm", "SHA-256");
        Map<String, Object> digests = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            digests.put(e.getKey(), CodeSource.sha256Hex(e.getValue()));
        }
        doc.put("entries", digests);
        return Json.writePretty(doc) + "\n";
    }

    private static byte[] manifest(Compiler.Compiled compiled) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Created-By", "Geo " + compiled.compilerVersion());
        main.putValue("Geo-Compiler-Version", compiled.compilerVersion());
        main.putValue("Geo-Compiler-Build", BuildId.current());
        main.putValue("Geo-Jar-Format", Integer.toString(Models.FORMAT));
        main.putValue("Geo-Source-SHA-256", compiled.sourceHash());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        manifest.write(bytes);
        return bytes.toByteArray();
    }

    private static void entry(JarOutputStream jar, String name, byte[] bytes) throws IOException {
        JarEntry e = new JarEntry(name);
        e.setTime(FIXED_TIME);
        jar.putNextEntry(e);
        jar.write(bytes);
        jar.closeEntry();
    }
}
