package geo.runtime.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.api.MetricKernels;
import geo.runtime.api.ModelDescriptor;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runtime API fingerprint and the content identity of code: stable, and sensitive to what they cover. */
class RuntimeApiTest {

    @Test
    void theFingerprintIsStableHexAndCoversSignatures() {
        String f = RuntimeApi.fingerprint();
        assertTrue(f.matches("[0-9a-f]{64}"), f);
        assertEquals(f, RuntimeApi.fingerprint());
        String descriptor = RuntimeApi.signature(ModelDescriptor.class);
        assertTrue(descriptor.contains("static method fromJson(Ljava/lang/String;)Lgeo/runtime/api/ModelDescriptor;"),
                descriptor);
        assertTrue(descriptor.startsWith("final geo.runtime.api.ModelDescriptor extends java.lang.Record"), descriptor);
        String metric = RuntimeApi.signature(MetricKernels.class);
        assertTrue(metric.contains("abstract method metric([D[D[D)V"), metric);
        assertNotEquals(descriptor, metric);
    }

    /** Every public type of the API package counts: the kernel interfaces and the descriptor are listed. */
    @Test
    void theApiPackageIsListedFromTheCodeSource() throws IOException {
        Map<String, String> files = CodeSource.checksums(ModelDescriptor.class, RuntimeApi.PACKAGE);
        assertTrue(files.containsKey("geo/runtime/api/MetricKernels.class"), files.keySet().toString());
        assertTrue(files.containsKey("geo/runtime/api/ModelDescriptor$Parameter.class"), files.keySet().toString());
        assertTrue(files.values().stream().allMatch(v -> v.matches("\\d+:\\d+")), files.toString());
        String a = CodeSource.hash(files);
        files.put("geo/runtime/api/MetricKernels.class", "1:2");
        assertNotEquals(a, CodeSource.hash(files));
    }

    @Test
    void sha256OfKnownText() {
        // FIPS 180-2, appendix B.1: SHA-256("abc").
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                CodeSource.sha256Hex("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }
}
