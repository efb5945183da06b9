package geo.runtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Periodic coordinates in {@link Domain} and their round trip through the descriptor's JSON. */
class DomainTest {

    private static final Domain SPHERE = Domain.box(List.of(0.01, -Math.PI), List.of(3.13, Math.PI))
            .withPeriods(new double[] {0, 2 * Math.PI});

    @Test
    void aPeriodicCoordinateIsNotBounded() {
        assertTrue(SPHERE.contains(new double[] {1, 4}));
        assertTrue(SPHERE.contains(new double[] {1, -40}));
        assertFalse(SPHERE.contains(new double[] {3.2, 0}));
        assertFalse(SPHERE.contains(new double[] {1, Double.NaN}));
        Domain plain = Domain.box(List.of(0.01, -Math.PI), List.of(3.13, Math.PI));
        assertFalse(plain.contains(new double[] {1, 4}));
        assertEquals(2 * Math.PI, SPHERE.period(1));
        assertEquals(0, SPHERE.period(0));
        assertFalse(plain.periodic());
        assertEquals(0, plain.period(1));
    }

    @Test
    void periodsSurviveTheDescriptorJson() {
        ModelDescriptor d = new ModelDescriptor("Sphere", "metric", 2, List.of("theta", "phi"), SPHERE, List.of(), List.of(), List.of(),
                Set.of("metric"), "hash", "v");
        String json = d.toJson();
        assertTrue(json.contains("\"periods\""), json);
        assertEquals(SPHERE, ModelDescriptor.fromJson(json).domain());
        ModelDescriptor none = new ModelDescriptor("P", "metric", 2, List.of("a", "b"), Domain.ball(1), List.of(), List.of(), List.of(),
                Set.of("metric"), "hash", "v");
        assertFalse(none.toJson().contains("periods"), "no periods field without periodic coordinates");
        assertEquals(Domain.ball(1), ModelDescriptor.fromJson(none.toJson()).domain());
    }

    @Test
    void badPeriodsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Domain.ball(1).withPeriods(new double[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> Domain.NONE.withPeriods(new double[] {-1, 0}));
        assertThrows(IllegalArgumentException.class, () -> Domain.NONE.withPeriods(new double[] {Double.NaN, 0}));
    }
}
