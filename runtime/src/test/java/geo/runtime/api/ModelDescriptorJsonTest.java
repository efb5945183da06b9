package geo.runtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link ModelDescriptor#fromJson} on well-formed and malformed descriptors: every mistake is an
 * IllegalArgumentException that names the field, never a NullPointerException,
 * ClassCastException or an allocation of a corrupt size.
 */
class ModelDescriptorJsonTest {

    private static final ModelDescriptor SPD = new ModelDescriptor("ConstantSPD", "metric", 3,
            List.of("x[0]", "x[1]", "x[2]"), Domain.NONE, List.of(), List.of(),
            List.of(new ModelDescriptor.Parameter("A", List.of(3, 3), 0),
                    new ModelDescriptor.Parameter("b", List.of(), 9)),
            Set.of("metric", "acceleration"), "abc", "0.1.0-SNAPSHOT");

    private static final ModelDescriptor BOX = new ModelDescriptor("Polar", "metric", 2, List.of("r", "theta"),
            Domain.box(List.of(0.01, -10.0), List.of(100.0, 10.0)), List.of(), List.of(), List.of(), Set.of("metric"), "h", "v");

    @Test
    void roundTrips() {
        assertEquals(SPD, ModelDescriptor.fromJson(SPD.toJson()));
        assertEquals(BOX, ModelDescriptor.fromJson(BOX.toJson()));
        ModelDescriptor ball = new ModelDescriptor("P", "metric", 2, List.of("a", "b"), Domain.ball(1), List.of(), List.of(), List.of(),
                Set.of("metric"), "h", "v");
        assertEquals(ball, ModelDescriptor.fromJson(ball.toJson()));
        assertEquals(LOSS, ModelDescriptor.fromJson(LOSS.toJson()));
        assertEquals(7, LOSS.inputCount());
    }

    private static final ModelDescriptor LOSS = new ModelDescriptor("elbo", "loss", 0, List.of(), Domain.NONE,
            List.of(new ModelDescriptor.Input("x", List.of(2, 2), 0, ModelDescriptor.Input.Source.DATA),
                    new ModelDescriptor.Input("y", List.of(), 4, ModelDescriptor.Input.Source.DATA),
                    new ModelDescriptor.Input("eps", List.of(2), 5, ModelDescriptor.Input.Source.NORMAL)),
            List.of(), List.of(), Set.of("loss"), "h", "v");

    @Test
    void malformedInputsAreNamed() {
        String loss = LOSS.toJson();
        assertMalformed(loss.replace("\"source\":\"normal\"", "\"source\":\"gamma\""),
                "inputs[2].source must be data, normal or uniform, got the string \"gamma\"");
        assertMalformed(loss.replace("\"offset\":5", "\"offset\":6"), "inputs[2].offset must be 5");
        assertMalformed(loss.replace("\"inputCount\":7", "\"inputCount\":8"), "inputs has 7 scalars but inputCount is 8");
        assertThrows(IllegalArgumentException.class, () -> new ModelDescriptor("l", "loss", 0, List.of(), Domain.NONE,
                List.of(new ModelDescriptor.Input("x", List.of(), 1, ModelDescriptor.Input.Source.DATA)), List.of(), List.of(),
                Set.of("loss"), "h", "v"));
    }

    /** Each edit of a valid descriptor, and the message it must give. */
    @Test
    void malformedFieldsAreNamed() {
        String spd = SPD.toJson();
        assertMalformed(spd.replace("\"dimension\":3", "\"dimension\":\"three\""),
                "dimension must be an integer in [0, 1000000], got the string \"three\"");
        assertMalformed(spd.replace("\"dimension\":3", "\"dimension\":2.5"),
                "dimension must be an integer in [0, 1000000], got 2.5");
        assertMalformed(spd.replace("\"dimension\":3", "\"dimension\":-3"), "dimension must be an integer");
        assertMalformed(spd.replace("\"dimension\":3", "\"dimension\":2"),
                "coordinates has 3 names but the dimension is 2");
        assertMalformed(spd.replace("\"dimension\":3,", ""), "the document lacks the field 'dimension'");
        assertMalformed(spd.replace("\"name\":\"ConstantSPD\"", "\"name\":null"), "name must be a string, got null");
        assertMalformed(spd.replace("\"kind\":\"metric\"", "\"kind\":\"tensor\""),
                "kind must be one of [function, lagrangian, loss, metric], got the string \"tensor\"");
        assertMalformed(spd.replace("\"x[0]\"", "0"), "coordinates[0] must be a string, got 0");
        assertMalformed(spd.replace("\"shape\":[3,3]", "\"shape\":[3,\"x\"]"),
                "parameters[0].shape[1] must be an integer in [0, 100000000], got the string \"x\"");
        assertMalformed(spd.replace("\"shape\":[3,3]", "\"shape\":[[3],3]"),
                "parameters[0].shape[0] must be an integer in [0, 100000000], got an array of 1");
        assertMalformed(spd.replace("\"shape\":[3,3]", "\"shape\":[-3,3]"),
                "parameters[0].shape[0] must be an integer in [0, 100000000], got -3");
        assertMalformed(spd.replace("\"shape\":[3,3]", "\"shape\":[3,3,3]"),
                "parameters[0].shape has 3 elements; at most 2 are allowed");
        assertMalformed(spd.replace("\"shape\":[3,3]", "\"shape\":[100000,100000]"),
                "parameters[0].shape makes 10000000000 parameter values; at most 100000000 are allowed");
        assertMalformed(spd.replace("\"shape\":[3,3]", "\"shape\":3"), "parameters[0].shape must be an array, got 3");
        assertMalformed(spd.replace("\"offset\":9", "\"offset\":7"),
                "parameters[1].offset must be 9 (parameters are laid out one after the other), got 7");
        assertMalformed(spd.replace("\"parameters\":[", "\"parameters\":[1,"), "parameters[0] must be an object, got 1");
        assertMalformed(spd.replace("\"domain\":{", "\"domain\":{\"x\":1,").replace("\"kind\":\"none\"",
                "\"kind\":\"disk\""), "domain.kind must be none, ball or box, got the string \"disk\"");
        assertMalformed(spd.replace("\"radius\":0.0", "\"radius\":\"Infinity\""),
                "domain.radius must be a finite number, got the string \"Infinity\"");
        assertMalformed(spd.replace("\"kind\":\"none\"", "\"kind\":\"ball\""),
                "domain.radius must be positive for a ball, got 0.0");
        assertMalformed(spd.replace("\"kind\":\"none\"", "\"kind\":\"box\""),
                "domain: a box needs 3 lower and upper bounds, got 0 and 0");
        assertMalformed(BOX.toJson().replace("\"hi\":[100.0,10.0]", "\"hi\":[100.0,-20.0]"),
                "domain: lo[1] = -10.0 is not below hi[1] = -20.0");
        assertMalformed(spd.replace("\"kernels\":[", "\"kernels\":[true,"), "kernels[0] must be a string, got true");
        assertMalformed("[1, 2]", "the document must be an object, got an array of 2");
        assertMalformed(spd.substring(0, spd.length() / 2), "JSON at offset");
        assertMalformed("[".repeat(100_000), "nested more than 256 deep");
        assertMalformed("{\"name\":\"\\uzzzz\"}", "bad \\u escape");
    }

    /**
     * 3,000 random mutants of a descriptor (characters deleted, duplicated, replaced by JSON
     * punctuation or digits; seed 13): each either reads or is an IllegalArgumentException.
     */
    @Test
    void mutantsNeverCrash() {
        String text = SPD.toJson();
        Random random = new Random(13);
        String alphabet = "{}[],:\"-0123456789.eE tnfx";
        int read = 0;
        for (int n = 0; n < 3000; n++) {
            StringBuilder s = new StringBuilder(text);
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(s.length());
                switch (random.nextInt(3)) {
                    case 0 -> s.deleteCharAt(at);
                    case 1 -> s.insert(at, s.charAt(at));
                    default -> s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            try {
                ModelDescriptor.fromJson(s.toString());
                read++;
            } catch (IllegalArgumentException e) {
                assertTrue(e.getMessage().startsWith("malformed model descriptor: "), e.getMessage());
            } catch (RuntimeException e) {
                fail("mutant " + n + " gave " + e + ": " + s);
            }
        }
        assertTrue(read < 3000, "some mutants must be malformed");
    }

    private static void assertMalformed(String json, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelDescriptor.fromJson(json),
                json.length() > 300 ? json.substring(0, 300) : json);
        assertTrue(e.getMessage().startsWith("malformed model descriptor: "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
