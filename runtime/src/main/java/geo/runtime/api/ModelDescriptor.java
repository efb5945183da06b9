package geo.runtime.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a compiled model is: enough to use it without its source.
 *
 * @param name            the manifold's (or loss's) name
 * @param kind            {@code metric}, {@code lagrangian} or {@code loss}
 * @param dimension       the number of coordinates d (0 for a loss)
 * @param coordinates     how the coordinates are called, in order
 * @param domain          where the chart is valid ({@link Domain#NONE} when not declared)
 * @param inputCount      the number of input scalars of a loss (0 otherwise)
 * @param parameters      the layout of θ
 * @param kernels         the kernel families the class implements: {@code metric}, {@code acceleration},
 *                        {@code lagrangian}, {@code loss}
 * @param sourceHash      SHA-256 of the source text, hex
 * @param compilerVersion the version of the compiler that generated the class
 */
public record ModelDescriptor(String name, String kind, int dimension, List<String> coordinates, Domain domain,
                              int inputCount,
                              List<Parameter> parameters, Set<String> kernels, String sourceHash,
                              String compilerVersion) {

    public ModelDescriptor {
        coordinates = List.copyOf(coordinates);
        parameters = List.copyOf(parameters);
        kernels = Set.copyOf(kernels);
    }

    /** This descriptor as JSON (the form stored in model jars and generated classes). */
    public String toJson() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", name);
        o.put("kind", kind);
        o.put("dimension", dimension);
        o.put("coordinates", coordinates);
        Map<String, Object> dom = new LinkedHashMap<>();
        dom.put("kind", domain.kind());
        dom.put("radius", domain.radius());
        dom.put("lo", domain.lo());
        dom.put("hi", domain.hi());
        if (domain.periodic()) {
            dom.put("periods", domain.periods());
        }
        o.put("domain", dom);
        o.put("inputCount", inputCount);
        List<Object> params = new ArrayList<>();
        for (Parameter p : parameters) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", p.name());
            e.put("shape", p.shape());
            e.put("offset", p.offset());
            params.add(e);
        }
        o.put("parameters", params);
        o.put("kernels", new ArrayList<>(new TreeSet<>(kernels)));
        o.put("sourceHash", sourceHash);
        o.put("compilerVersion", compilerVersion);
        return Json.write(o);
    }

    /** Reads a descriptor written by {@link #toJson()}; a missing or mistyped field is an IllegalArgumentException. */
    public static ModelDescriptor fromJson(String json) {
        Object parsed = Json.parse(json);
        if (!(parsed instanceof Map<?, ?> o)) {
            throw new IllegalArgumentException("a model descriptor must be a JSON object");
        }
        List<Parameter> params = new ArrayList<>();
        for (Object e : list(o, "parameters")) {
            Map<?, ?> p = (Map<?, ?>) e;
            List<Integer> shape = new ArrayList<>();
            for (Object k : list(p, "shape")) {
                shape.add(((Number) k).intValue());
            }
            params.add(new Parameter(string(p, "name"), shape, number(p, "offset")));
        }
        List<String> coordinates = new ArrayList<>();
        for (Object c : list(o, "coordinates")) {
            coordinates.add((String) c);
        }
        Set<String> kernels = new TreeSet<>();
        for (Object k : list(o, "kernels")) {
            kernels.add((String) k);
        }
        Map<?, ?> dom = (Map<?, ?>) field(o, "domain");
        Domain domain = new Domain(string(dom, "kind"), ((Number) field(dom, "radius")).doubleValue(),
                doubles(list(dom, "lo")), doubles(list(dom, "hi")),
                dom.containsKey("periods") ? doubles(list(dom, "periods")) : List.of());
        return new ModelDescriptor(string(o, "name"), string(o, "kind"), number(o, "dimension"), coordinates, domain,
                number(o, "inputCount"), params, kernels, string(o, "sourceHash"), string(o, "compilerVersion"));
    }

    private static List<Double> doubles(List<?> l) {
        List<Double> out = new ArrayList<>();
        for (Object x : l) {
            out.add(((Number) x).doubleValue());
        }
        return out;
    }

    private static Object field(Map<?, ?> o, String key) {
        if (!o.containsKey(key)) {
            throw new IllegalArgumentException("model descriptor lacks '" + key + "'");
        }
        return o.get(key);
    }

    private static String string(Map<?, ?> o, String key) {
        if (!(field(o, key) instanceof String s)) {
            throw new IllegalArgumentException("model descriptor field '" + key + "' must be a string");
        }
        return s;
    }

    private static int number(Map<?, ?> o, String key) {
        if (!(field(o, key) instanceof Number n)) {
            throw new IllegalArgumentException("model descriptor field '" + key + "' must be a number");
        }
        return n.intValue();
    }

    private static List<?> list(Map<?, ?> o, String key) {
        if (!(field(o, key) instanceof List<?> l)) {
            throw new IllegalArgumentException("model descriptor field '" + key + "' must be an array");
        }
        return l;
    }

    /** The length P of θ. */
    public int parameterCount() {
        int n = 0;
        for (Parameter p : parameters) {
            n += p.size();
        }
        return n;
    }

    /**
     * One parameter: its elements are θ[offset .. offset + size).
     *
     * @param shape empty for a scalar, {n} for a vector, {m, n} for a matrix (row-major)
     */
    public record Parameter(String name, List<Integer> shape, int offset) {
        public Parameter {
            shape = List.copyOf(shape);
        }

        /** The number of scalars. */
        public int size() {
            int n = 1;
            for (int k : shape) {
                n *= k;
            }
            return n;
        }
    }
}
