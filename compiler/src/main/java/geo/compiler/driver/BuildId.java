package geo.compiler.driver;

import geo.grammar.GeoLexer;
import geo.runtime.load.CodeSource;
import geo.runtime.load.Models;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identity of this compiler's build: SHA-256 over the names, sizes and CRC-32s of the class
 * files and resources of the grammar, the compiler and the runtime ({@code geo/grammar/},
 * {@code geo/compiler/}, {@code geo/runtime/}; {@link CodeSource#hash}). It depends on no
 * timestamp and no version control, so two builds of the same sources have the same identity,
 * and every development build — all labelled {@code 0.1.0-SNAPSHOT} — a different one once a
 * source changes. {@code geo compile} records it in each jar's {@code META-INF/geo/digests.json}.
 */
public final class BuildId {

    private static volatile String current;

    private BuildId() {
    }

    /** This build's identity, 64 hex digits; computed once per JVM (a few milliseconds). */
    public static String current() {
        String id = current;
        if (id == null) {
            id = compute();
            current = id;
        }
        return id;
    }

    /** The first 12 hex digits, as printed in messages and by {@code geo --version}. */
    public static String currentShort() {
        return current().substring(0, 12);
    }

    private static String compute() {
        Map<String, String> files = new TreeMap<>();
        try {
            files.putAll(CodeSource.checksums(GeoLexer.class, "geo/grammar/"));
            files.putAll(CodeSource.checksums(BuildId.class, "geo/compiler/"));
            files.putAll(CodeSource.checksums(Models.class, "geo/runtime/"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read this compiler's own classes to identify its build: "
                    + e.getMessage(), e);
        }
        return CodeSource.hash(files);
    }
}
