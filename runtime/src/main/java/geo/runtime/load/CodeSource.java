package geo.runtime.load;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The files of this program's own build: the class files and resources under a package folder,
 * listed from where a class was loaded (a class directory in the Maven reactor, or a jar). Used to
 * fingerprint the runtime API and to identify the compiler's build by content, without
 * timestamps, so that two builds of the same sources agree.
 */
public final class CodeSource {

    private CodeSource() {
    }

    /**
     * The files under {@code prefix} (a folder such as {@code geo/runtime/api/}) next to
     * {@code anchor}'s class file, by their path with '/' separators, in name order, each with
     * its size and CRC-32 ({@code "size:crc"}). From a jar these come from its central directory,
     * without inflating anything, so identifying a build costs milliseconds.
     *
     * @throws IOException if the location cannot be found or read (an unusual class loader)
     */
    public static Map<String, String> checksums(Class<?> anchor, String prefix) throws IOException {
        Path root = location(anchor);
        Map<String, String> out = new TreeMap<>();
        if (Files.isDirectory(root)) {
            Path dir = root.resolve(prefix);
            if (!Files.isDirectory(dir)) {
                return out;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                    byte[] bytes = Files.readAllBytes(p);
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    out.put(root.relativize(p).toString().replace('\\', '/'), bytes.length + ":" + crc.getValue());
                }
            }
        } else {
            try (ZipFile zip = new ZipFile(root.toFile())) {
                for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                    if (!e.isDirectory() && e.getName().startsWith(prefix)) {
                        out.put(e.getName(), e.getSize() + ":" + e.getCrc());
                    }
                }
            }
        }
        return out;
    }

    /**
     * SHA-256 over the names and checksums of {@code files}, in name order: a content identity
     * that depends neither on timestamps nor on how the files are packed (a class folder or a jar
     * give the same). CRC-32 identifies builds; it is no defence against a forger, and need not be.
     */
    public static String hash(Map<String, String> files) {
        MessageDigest total = sha256();
        for (Map.Entry<String, String> f : new TreeMap<>(files).entrySet()) {
            total.update((f.getKey() + "\0" + f.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(total.digest());
    }

    /** The SHA-256 digest of {@code bytes}, in lower-case hex. */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static Path location(Class<?> anchor) throws IOException {
        var domain = anchor.getProtectionDomain();
        URL url = domain == null || domain.getCodeSource() == null ? null : domain.getCodeSource().getLocation();
        if (url == null) {
            throw new IOException("no code source for " + anchor.getName());
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new IOException("cannot read the code source " + url + " of " + anchor.getName(), e);
        }
    }
}
