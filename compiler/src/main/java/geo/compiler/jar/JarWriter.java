package geo.compiler.jar;

import geo.compiler.driver.Compiler;
import geo.runtime.load.Models;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes {@code geo compile}'s jar. Entries carry a fixed time, so the same source gives the same bytes. */
public final class JarWriter {

    private static final long FIXED_TIME = 315532800000L;

    private JarWriter() {
    }

    public static void write(Compiler.Compiled compiled, Path out) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Created-By", "Geo " + compiled.compilerVersion());
        main.putValue("Geo-Compiler-Version", compiled.compilerVersion());
        main.putValue("Geo-Source-SHA-256", compiled.sourceHash());
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream file = Files.newOutputStream(out);
             JarOutputStream jar = new JarOutputStream(file)) {
            entry(jar, "META-INF/MANIFEST.MF", null);
            manifest.write(jar);
            jar.closeEntry();
            entry(jar, Models.INDEX, compiled.indexJson().getBytes(StandardCharsets.UTF_8));
            entry(jar, compiled.sourceEntry(), compiled.source().text().getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, byte[]> c : compiled.classFiles().entrySet()) {
                entry(jar, c.getKey().replace('.', '/') + ".class", c.getValue());
            }
        }
    }

    private static void entry(JarOutputStream jar, String name, byte[] bytes) throws IOException {
        JarEntry e = new JarEntry(name);
        e.setTime(FIXED_TIME);
        jar.putNextEntry(e);
        if (bytes != null) {
            jar.write(bytes);
            jar.closeEntry();
        }
    }
}
