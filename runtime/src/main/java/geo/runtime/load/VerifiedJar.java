package geo.runtime.load;

import geo.runtime.api.Json;
import geo.runtime.api.JsonFields;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The entries of a model jar, read once and checked against {@code META-INF/geo/digests.json}
 * before anything else looks at them: the jar format is one this runtime reads, the runtime API
 * fingerprint is this runtime's, every entry is listed with its SHA-256 and matches it, every
 * listed entry is there, no name appears twice. Only these verified bytes are used afterwards —
 * the index is parsed from them and the classes are defined from them — so what was checked is
 * what runs.
 *
 * <p>The digests detect any change made to a jar after {@code geo compile} (an edited default,
 * source or descriptor, a replaced, added or removed class, a corrupted download). They are not a
 * signature: whoever rewrites {@code digests.json} consistently can pass them off, so a jar from
 * an untrusted party needs a signature checked by other means.
 */
final class VerifiedJar {

    /** The most entries a model jar may have. */
    static final int MAX_ENTRIES = 100_000;
    /** The largest entry, uncompressed, in bytes (a guard against zip bombs). */
    static final long MAX_ENTRY_BYTES = 256L << 20;
    /** The largest jar, uncompressed, in bytes. */
    static final long MAX_TOTAL_BYTES = 1L << 30;

    private final Map<String, byte[]> entries;
    private final JarBuild build;

    private VerifiedJar(Map<String, byte[]> entries, JarBuild build) {
        this.entries = entries;
        this.build = build;
    }

    /** Every entry but the digest list, verified, by name. */
    Map<String, byte[]> entries() {
        return entries;
    }

    JarBuild build() {
        return build;
    }

    /** The class files, by binary name ({@code geo.models.Sphere}). */
    Map<String, byte[]> classes() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            if (e.getKey().endsWith(".class")) {
                String name = e.getKey().substring(0, e.getKey().length() - 6).replace('/', '.');
                out.put(name, e.getValue());
            }
        }
        return out;
    }

    /**
     * Reads and verifies {@code jar}.
     *
     * @throws IOException        if the file cannot be read
     * @throws ModelLoadException if it is not a model jar of this format, or any entry fails the check
     */
    static VerifiedJar read(Path jar) throws IOException {
        String origin = jar.toString();
        Map<String, byte[]> all = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            long total = 0;
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                if (all.size() >= MAX_ENTRIES) {
                    throw new ModelLoadException(origin + ": more than " + MAX_ENTRIES + " entries; not a model jar");
                }
                if (e.isDirectory()) {
                    continue;
                }
                if (all.containsKey(e.getName())) {
                    throw new ModelLoadException(origin + ": entry " + shown(e.getName())
                            + " appears twice; the jar was modified after 'geo compile'");
                }
                byte[] bytes = read(zip, e, origin);
                total += bytes.length;
                if (total > MAX_TOTAL_BYTES) {
                    throw new ModelLoadException(origin + ": more than " + MAX_TOTAL_BYTES
                            + " bytes uncompressed; not a model jar");
                }
                all.put(e.getName(), bytes);
            }
        } catch (ZipException e) {
            throw new ModelLoadException(origin + ": not a readable jar (zip) file: " + e.getMessage(), e);
        }
        byte[] digests = all.remove(Models.DIGESTS);
        if (digests == null) {
            if (all.containsKey(Models.INDEX)) {
                throw new ModelLoadException(origin + ": written by an older Geo compiler (jar format 1, without "
                        + Models.DIGESTS + "); recompile the model with 'geo compile'");
            }
            throw new ModelLoadException(origin + ": not a Geo model jar (it has no " + Models.INDEX + ")");
        }
        JarBuild build;
        Map<String, String> listed;
        try {
            JsonFields d = JsonFields.of(Json.parse(new String(digests, StandardCharsets.UTF_8)), "");
            int format = d.integer("format", 0, Integer.MAX_VALUE);
            if (format != Models.FORMAT) {
                throw new ModelLoadException(origin + ": jar format " + format + writer(d) + ", but this runtime "
                        + "reads only format " + Models.FORMAT + "; recompile the model with this release's "
                        + "'geo compile'");
            }
            JsonFields compiler = d.object("compiler");
            build = new JarBuild(format, label(compiler, "version"), label(compiler, "build"), d.string("runtimeApi"));
            String algorithm = d.string("algorithm");
            if (!algorithm.equals("SHA-256")) {
                throw new IllegalArgumentException("algorithm must be \"SHA-256\", got " + JsonFields.describe(algorithm));
            }
            listed = digests(d.object("entries"));
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(origin + ": malformed " + Models.DIGESTS + ": " + e.getMessage(), e);
        }
        String api = RuntimeApi.fingerprint();
        if (!build.runtimeApi().equals(api)) {
            throw new ModelLoadException(origin + ": compiled by " + build + " against another runtime API "
                    + "(fingerprint " + abbreviate(build.runtimeApi()) + "; this runtime's is " + abbreviate(api)
                    + "), so its classes may not link; recompile the model with this release's 'geo compile'");
        }
        for (Map.Entry<String, byte[]> e : all.entrySet()) {
            String expected = listed.get(e.getKey());
            if (expected == null) {
                throw new ModelLoadException(origin + ": " + (e.getKey().endsWith(".class") ? "class file " : "entry ")
                        + shown(e.getKey()) + " is not listed in " + Models.DIGESTS
                        + ": it was added after 'geo compile'; nothing of the jar was loaded");
            }
            String actual = CodeSource.sha256Hex(e.getValue());
            if (!actual.equals(expected)) {
                throw new ModelLoadException(origin + ": entry " + shown(e.getKey()) + " was modified after 'geo compile' "
                        + "(its SHA-256 is " + abbreviate(actual) + "…, " + Models.DIGESTS + " records "
                        + abbreviate(expected) + "…); recompile the model");
            }
        }
        for (String name : listed.keySet()) {
            if (!all.containsKey(name)) {
                throw new ModelLoadException(origin + ": entry " + shown(name) + ", listed in " + Models.DIGESTS
                        + ", is missing: it was removed after 'geo compile'");
            }
        }
        return new VerifiedJar(all, build);
    }

    /**
     * " (written by VERSION build BUILD)" when a jar of another format says so in the fields this
     * format has, else nothing: another format may lay out its digest list differently.
     */
    private static String writer(JsonFields d) {
        try {
            JsonFields compiler = d.object("compiler");
            return " (written by " + label(compiler, "version") + " build " + abbreviate(label(compiler, "build")) + ")";
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** The listed entries: names to 64 lower-case hex digits. */
    private static Map<String, String> digests(JsonFields entries) {
        Map<String, String> out = new TreeMap<>();
        if (!entries.has(Models.INDEX)) {
            throw new IllegalArgumentException("entries does not list " + Models.INDEX);
        }
        for (String name : entries.keys()) {
            String hex = entries.string(name);
            if (hex.length() != 64 || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new IllegalArgumentException(entries.path(name) + " must be 64 lower-case hex digits (SHA-256), got "
                        + JsonFields.describe(hex));
            }
            if (name.equals(Models.DIGESTS)) {
                throw new IllegalArgumentException("entries must not list " + Models.DIGESTS + " itself");
            }
            out.put(name, hex);
        }
        return out;
    }

    private static byte[] read(ZipFile zip, ZipEntry e, String origin) throws IOException {
        try (InputStream in = zip.getInputStream(e)) {
            byte[] bytes = in.readNBytes((int) MAX_ENTRY_BYTES + 1);
            if (bytes.length > MAX_ENTRY_BYTES) {
                throw new ModelLoadException(origin + ": entry " + shown(e.getName()) + " is larger than " + MAX_ENTRY_BYTES
                        + " bytes uncompressed; not a model jar");
            }
            return bytes;
        }
    }

    /**
     * A version or build label: 1 to 100 printable ASCII characters, since the command line
     * prints it in its note on a jar from another build.
     */
    private static String label(JsonFields o, String key) {
        String s = o.string(key);
        if (s.isEmpty() || s.length() > 100 || !s.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(o.path(key) + " must be 1 to 100 printable ASCII characters, got "
                    + JsonFields.describe(shown(s)));
        }
        return s;
    }

    /** An entry name for a message: control characters (which a crafted jar could use on a terminal) escaped. */
    static String shown(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length() && i < 300; i++) {
            char c = name.charAt(i);
            out.append(c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ? String.format("\\u%04x", (int) c) : c);
        }
        return name.length() > 300 ? out + "…" : out.toString();
    }

    private static String abbreviate(String hex) {
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
