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
 * @param name            the manifold's (or loss's, or fn's) name
 * @param kind            {@code metric}, {@code lagrangian}, {@code loss} or {@code function} (a fn)
 * @param dimension       the number of coordinates d (0 for a loss)
 * @param coordinates     how the coordinates are called, in order
 * @param domain          where the chart is valid ({@link Domain#NONE} when not declared)
 * @param inputs          the inputs of a loss or function, in slot order (empty otherwise)
 * @param output          the shape of a function's value (empty for a scalar, and for every other kind)
 * @param parameters      the layout of θ
 * @param kernels         the kernel families the class implements: {@code metric}, {@code acceleration},
 *                        {@code lagrangian}, {@code loss}, {@code function}
 * @param sourceHash      SHA-256 of the source text, hex
 * @param compilerVersion the version of the compiler that generated the class
 */
public record ModelDescriptor(String name, String kind, int dimension, List<String> coordinates, Domain domain,
                              List<Input> inputs, List<Integer> output,
                              List<Parameter> parameters, Set<String> kernels, String sourceHash,
                              String compilerVersion) {

    public ModelDescriptor {
        coordinates = List.copyOf(coordinates);
        inputs = List.copyOf(inputs);
        output = List.copyOf(output);
        if (output.size() > 2) {
            throw new IllegalArgumentException("an output has rank at most 2, got " + output);
        }
        int at = 0;
        for (Input in : inputs) {
            if (in.offset() != at) {
                throw new IllegalArgumentException("input " + in.name() + " is at slot " + in.offset()
                        + "; inputs are laid out one after the other, so it must be at " + at);
            }
            at += in.size();
        }
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
        dom.put("radius", domain instanceof Domain.Ball b ? b.radius() : 0.0);
        dom.put("lo", domain instanceof Domain.Box b ? b.lo() : List.of());
        dom.put("hi", domain instanceof Domain.Box b ? b.hi() : List.of());
        if (domain.periodic()) {
            dom.put("periods", domain.periods());
        }
        o.put("domain", dom);
        o.put("inputCount", inputCount());
        List<Object> ins = new ArrayList<>();
        for (Input in : inputs) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", in.name());
            e.put("shape", in.shape());
            e.put("offset", in.offset());
            e.put("source", in.source().json());
            ins.add(e);
        }
        o.put("inputs", ins);
        o.put("output", output);
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

    /** The largest dimension and input count a descriptor may declare (a bound against corrupt files). */
    public static final int MAX_DIMENSION = 1_000_000;

    /** The largest number of parameter scalars a descriptor may declare (θ is one double array). */
    public static final int MAX_PARAMETERS = 100_000_000;

    /** The kinds of model. */
    public static final Set<String> KINDS = Set.of("metric", "lagrangian", "loss", "function");

    /**
     * Reads a descriptor written by {@link #toJson()}. Anything malformed — bad JSON, a missing
     * field, a wrong type, a negative or huge size, coordinates or a box that disagree with the
     * dimension, parameter offsets out of order — is an {@link IllegalArgumentException} naming the
     * field.
     */
    public static ModelDescriptor fromJson(String json) {
        try {
            return fromJson(Json.parse(json), "");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed model descriptor: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a descriptor already parsed by {@link Json#parse}, reporting fields under {@code path}
     * (for example {@code models[0].descriptor}); errors are {@link IllegalArgumentException}s
     * that name the field.
     */
    public static ModelDescriptor fromJson(Object parsed, String path) {
        JsonFields o = JsonFields.of(parsed, path);
        String name = o.string("name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException(o.path("name") + " must not be empty");
        }
        String kind = o.string("kind");
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException(o.path("kind") + " must be one of " + new TreeSet<>(KINDS) + ", got "
                    + JsonFields.describe(kind));
        }
        int dimension = o.integer("dimension", 0, MAX_DIMENSION);
        List<String> coordinates = o.strings("coordinates", MAX_DIMENSION);
        if (coordinates.size() != dimension) {
            throw new IllegalArgumentException(o.path("coordinates") + " has " + coordinates.size()
                    + " names but the dimension is " + dimension);
        }
        Domain domain = domain(o.object("domain"), dimension);
        int inputCount = o.integer("inputCount", 0, MAX_DIMENSION);
        List<Input> inputs = inputs(o, "inputs");
        int total = 0;
        for (Input in : inputs) {
            total += in.size();
        }
        if (total != inputCount) {
            throw new IllegalArgumentException(o.path("inputs") + " has " + total + " scalars but "
                    + o.path("inputCount") + " is " + inputCount);
        }
        List<Integer> output = shape(o, "output");
        List<Parameter> params = parameters(o, "parameters");
        Set<String> kernels = new TreeSet<>(o.strings("kernels", 64));
        return new ModelDescriptor(name, kind, dimension, coordinates, domain, inputs, output, params, kernels,
                o.string("sourceHash"), o.string("compilerVersion"));
    }

    /** The inputs of a loss: names, shapes of rank ≤ 2, consecutive offsets from 0, and a known source. */
    private static List<Input> inputs(JsonFields o, String key) {
        List<?> list = o.array(key, MAX_DIMENSION);
        List<Input> inputs = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < list.size(); i++) {
            JsonFields p = JsonFields.element(list, o.path(key), i);
            List<Integer> shape = shape(p, "shape");
            int at = p.integer("offset", 0, MAX_DIMENSION);
            if (at != offset) {
                throw new IllegalArgumentException(p.path("offset") + " must be " + offset
                        + " (inputs are laid out one after the other), got " + at);
            }
            Input in = new Input(p.string("name"), shape, at, Input.Source.of(p.string("source"), p.path("source")));
            offset += in.size();
            if (offset > MAX_DIMENSION) {
                throw new IllegalArgumentException(p.path("shape") + " makes " + offset
                        + " input values; at most " + MAX_DIMENSION + " are allowed");
            }
            inputs.add(in);
        }
        return inputs;
    }

    private static List<Integer> shape(JsonFields p, String key) {
        List<?> dims = p.array(key, 2);
        List<Integer> shape = new ArrayList<>();
        for (int k = 0; k < dims.size(); k++) {
            shape.add(JsonFields.integer(dims.get(k), p.path(key) + "[" + k + "]", 0, MAX_PARAMETERS));
        }
        return shape;
    }

    /** The number of input scalars of a loss (0 otherwise): the inputs' sizes, summed. */
    public int inputCount() {
        int n = 0;
        for (Input in : inputs) {
            n += in.size();
        }
        return n;
    }

    /** The parameter layout: shapes of rank ≤ 2 with sizes ≥ 0, laid out in order from offset 0. */
    private static List<Parameter> parameters(JsonFields o, String key) {
        List<?> list = o.array(key, MAX_PARAMETERS);
        List<Parameter> params = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < list.size(); i++) {
            JsonFields p = JsonFields.element(list, o.path(key), i);
            List<?> dims = p.array("shape", 2);
            List<Integer> shape = new ArrayList<>();
            long size = 1;
            for (int k = 0; k < dims.size(); k++) {
                int n = JsonFields.integer(dims.get(k), p.path("shape") + "[" + k + "]", 0, MAX_PARAMETERS);
                shape.add(n);
                size *= n;
            }
            int at = p.integer("offset", 0, MAX_PARAMETERS);
            if (at != offset) {
                throw new IllegalArgumentException(p.path("offset") + " must be " + offset
                        + " (parameters are laid out one after the other), got " + at);
            }
            offset += size;
            if (offset > MAX_PARAMETERS) {
                throw new IllegalArgumentException(p.path("shape") + " makes " + offset
                        + " parameter values; at most " + MAX_PARAMETERS + " are allowed");
            }
            params.add(new Parameter(p.string("name"), shape, at));
        }
        return params;
    }

    /**
     * The domain: a known kind, a positive finite radius for a ball, d finite lo < hi for a box, and
     * optionally d periods (0 for a coordinate that is not periodic; none with a ball).
     */
    private static Domain domain(JsonFields dom, int dimension) {
        Domain plain = plainDomain(dom, dimension);
        if (!dom.has("periods")) {
            return plain;
        }
        List<Double> periods = dom.numbers("periods", MAX_DIMENSION);
        if (periods.size() != dimension) {
            throw new IllegalArgumentException(dom.path("periods") + " has " + periods.size()
                    + " entries but the dimension is " + dimension);
        }
        try {
            double[] p = new double[periods.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = periods.get(i);
            }
            return plain.withPeriods(p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(dom.path("periods") + ": " + e.getMessage(), e);
        }
    }

    /** The domain without periods: a known kind, a positive radius for a ball, d finite lo < hi for a box. */
    private static Domain plainDomain(JsonFields dom, int dimension) {
        String kind = dom.string("kind");
        double radius = dom.number("radius");
        List<Double> lo = dom.numbers("lo", MAX_DIMENSION);
        List<Double> hi = dom.numbers("hi", MAX_DIMENSION);
        switch (kind) {
            case "none":
                return Domain.NONE;
            case "ball":
                if (!(radius > 0)) {
                    throw new IllegalArgumentException(dom.path("radius") + " must be positive for a ball, got "
                            + radius);
                }
                return Domain.ball(radius);
            case "box":
                if (lo.size() != dimension || hi.size() != dimension) {
                    throw new IllegalArgumentException(dom.path() + ": a box needs " + dimension
                            + " lower and upper bounds, got " + lo.size() + " and " + hi.size());
                }
                for (int i = 0; i < dimension; i++) {
                    if (!(lo.get(i) < hi.get(i))) {
                        throw new IllegalArgumentException(dom.path() + ": lo[" + i + "] = " + lo.get(i)
                                + " is not below hi[" + i + "] = " + hi.get(i));
                    }
                }
                return Domain.box(lo, hi);
            default:
                throw new IllegalArgumentException(dom.path("kind") + " must be none, ball or box, got "
                        + JsonFields.describe(kind));
        }
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

    /**
     * One input of a loss: its scalars are the input slots offset .. offset + size − 1, row-major.
     *
     * @param shape  empty for a scalar, {n} for a vector, {m, n} for a matrix
     * @param source where the values come from: the data, or fresh draws for every row and step
     */
    public record Input(String name, List<Integer> shape, int offset, Source source) {
        public Input {
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

        /** Where an input's values come from. */
        public enum Source {
            /** Read from the data set (a CSV column per scalar). */
            DATA,
            /** Independent standard normal draws N(0, 1). */
            NORMAL,
            /** Independent uniform draws U(0, 1). */
            UNIFORM;

            /** The name in JSON: {@code data}, {@code normal}, {@code uniform}. */
            public String json() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }

            static Source of(String json, String path) {
                for (Source s : values()) {
                    if (s.json().equals(json)) {
                        return s;
                    }
                }
                throw new IllegalArgumentException(path + " must be data, normal or uniform, got "
                        + JsonFields.describe(json));
            }
        }
    }
}
