package geo.compiler.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import geo.runtime.api.Json;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Json}'s escaping and numbers, and {@link JsonRenderer}'s documents read back by an independent parser. */
class JsonTest {

    @Test
    void quotesBackslashesAndControlCharactersAreEscaped() {
        assertEquals("\"a\\\"b\\\\c\"", Json.quote("a\"b\\c"));
        assertEquals("\"\\n\\r\\t\\b\\f\\u0000\\u001f\\u2028\"", Json.quote("\n\r\t\b\f\u0000\u001f\u2028"));
        assertEquals("\"Γ^theta_phi,phi\"", Json.quote("Γ^theta_phi,phi"));
        String nasty = "q\"uote \\frac{1}{2}\n\ttab \u0001\u007f é ∂²L/∂v²";
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(nasty, List.of(nasty, 1.5, -0.0, 3));
        assertEquals(Map.of(nasty, List.of(nasty, 1.5, -0.0, 3.0)), JsonReader.parse(pretty(doc)));
    }

    @Test
    void numbersReadBackExactlyAndNonFiniteOnesBecomeStrings() {
        double[] values = {0.1, 1e-300, -2.0000000000000004, 1.7976931348623157E308, 4.9E-324};
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("values", Arrays.stream(values).boxed().toList());
        doc.put("odd", List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) JsonReader.parse(pretty(doc));
        assertEquals(Arrays.stream(values).boxed().toList(), back.get("values"));
        assertEquals(List.of("NaN", "Infinity", "-Infinity"), back.get("odd"));
    }

    @Test
    void layoutIsIndentedWithScalarArraysOnOneLine() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("a", List.of(1, 2));
        doc.put("b", List.of(Map.of("c", true)));
        doc.put("e", List.of());
        doc.put("f", new LinkedHashMap<>());
        doc.put("n", null);
        assertEquals("{\n  \"a\": [1, 2],\n  \"b\": [\n    {\n      \"c\": true\n    }\n  ],\n  \"e\": [],\n"
                + "  \"f\": {},\n  \"n\": null\n}\n", pretty(doc));
        assertThrows(IllegalArgumentException.class, () -> pretty(new Object()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSphereDocumentHasEveryEquationAndValue() {
        Report r = Models.show(Models.SPHERE, ShowRequest.defaults().withTopics(Topic.CHRISTOFFEL).at(0.5, 1));
        Map<String, Object> doc = (Map<String, Object>) JsonReader.parse(JsonRenderer.render(r));
        assertEquals("t.geo", doc.get("file"));
        Map<String, Object> m = (Map<String, Object>) ((List<Object>) doc.get("manifolds")).get(0);
        assertEquals("Sphere", m.get("name"));
        assertEquals(2.0, m.get("dimension"));
        assertEquals(List.of("theta", "phi"), m.get("coordinates"));
        Map<String, Object> point = (Map<String, Object>) m.get("point");
        assertEquals(List.of(0.5, 1.0), point.get("coordinates"));
        assertEquals(true, point.get("velocityDefault"));
        Map<String, Object> s = (Map<String, Object>) ((List<Object>) m.get("sections")).get(0);
        assertEquals("christoffel", s.get("id"));
        Map<String, Object> eq = (Map<String, Object>) ((List<Object>) s.get("equations")).get(0);
        assertEquals("Γ^theta_phi,phi", eq.get("name"));
        assertEquals("\\Gamma^{\\theta}_{\\phi\\phi}", eq.get("latexName"));
        assertEquals("-sin(theta)*cos(theta)", eq.get("text"));
        assertEquals("-\\sin\\left(\\theta\\right) \\cos\\left(\\theta\\right)", eq.get("latex"));
        Map<String, Object> value = (Map<String, Object>) ((List<Object>) s.get("values")).get(0);
        assertEquals(-Math.sin(0.5) * Math.cos(0.5), (Double) value.get("value"), 1e-16);
        assertEquals(List.of(), doc.get("problems"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void problemsAndNonFiniteValuesAreInTheDocument() {
        Report r = Models.show(Models.POLAR, ShowRequest.defaults().withTopics(Topic.CHRISTOFFEL).at(0, 1));
        Map<String, Object> doc = (Map<String, Object>) JsonReader.parse(JsonRenderer.render(r));
        assertEquals(1, ((List<Object>) doc.get("problems")).size());
        Map<String, Object> m = (Map<String, Object>) ((List<Object>) doc.get("manifolds")).get(0);
        Map<String, Object> s = (Map<String, Object>) ((List<Object>) m.get("sections")).get(0);
        Map<String, Object> value = (Map<String, Object>) ((List<Object>) s.get("values")).get(1);
        assertEquals("NaN", value.get("value"));
    }

    private static String pretty(Object doc) {
        return Json.writePretty(doc) + "\n";
    }
}
