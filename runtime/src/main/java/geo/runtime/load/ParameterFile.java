package geo.runtime.load;

import geo.runtime.api.Json;
import geo.runtime.api.ModelDescriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one reader and writer of parameter files: a JSON object of parameter names to numbers or
 * (nested) arrays of numbers, flattened row-major — what {@code geo fit --save-params} writes and
 * {@code --params} reads, in the CLI, the Spark jobs and the task commands alike.
 */
public final class ParameterFile {

    /** A parameter file that cannot be used; the message names the file and says why. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    private ParameterFile() {
    }

    /**
     * The file's values by parameter name, in file order, each flattened row-major. Names are not
     * checked against any model.
     *
     * @throws Invalid for an unreadable file, invalid JSON, a document that is not an object, or a
     *                 value that is not a number or an array of numbers
     */
    public static Map<String, double[]> read(Path file) throws Invalid {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Invalid("cannot read " + file + ": " + (Files.exists(file) ? e.getMessage() : "no such file"));
        }
        Object doc;
        try {
            doc = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Invalid(file + ": not valid JSON: " + e.getMessage());
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new Invalid(file + ": expected a JSON object of parameter names to values");
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            List<Double> flat = new ArrayList<>();
            flatten(file, name, e.getValue(), flat);
            out.put(name, flat.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return out;
    }

    /**
     * θ of {@code model}: {@code defaults} (not modified) overridden by the file's values.
     *
     * @param complete whether every parameter of the model must be in the file (a fitted model's
     *                 saved θ) rather than only some (overrides of the defaults)
     * @throws Invalid as {@link #read}, and for a name the model does not declare (the message lists
     *                 the model's), a wrong number of values, or a missing parameter when
     *                 {@code complete}
     */
    public static double[] apply(Path file, ModelDescriptor model, double[] defaults, boolean complete)
            throws Invalid {
        Map<String, double[]> values = read(file);
        double[] theta = defaults.clone();
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            ModelDescriptor.Parameter p = model.parameters().stream().filter(q -> q.name().equals(e.getKey()))
                    .findFirst().orElse(null);
            if (p == null) {
                throw new Invalid(file + ": unknown parameter '" + e.getKey() + "'; model " + model.name() + " has "
                        + model.parameters().stream().map(ModelDescriptor.Parameter::name).toList());
            }
            if (e.getValue().length != p.size()) {
                throw new Invalid(file + ": parameter " + p.name() + " needs " + p.size() + " values, got "
                        + e.getValue().length);
            }
            System.arraycopy(e.getValue(), 0, theta, p.offset(), p.size());
        }
        if (complete) {
            for (ModelDescriptor.Parameter p : model.parameters()) {
                if (!values.containsKey(p.name())) {
                    throw new Invalid(file + ": parameter " + p.name() + " (" + p.size() + " values) is missing");
                }
            }
        }
        return theta;
    }

    /**
     * θ as a JSON object of parameter names to flat row-major arrays (scalars as numbers): what
     * {@link #read} reads back, for this model and any other that declares parameters of the same
     * names and sizes.
     */
    public static Map<String, Object> json(ModelDescriptor model, double[] theta) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ModelDescriptor.Parameter p : model.parameters()) {
            if (p.shape().isEmpty()) {
                out.put(p.name(), theta[p.offset()]);
            } else {
                double[] values = new double[p.size()];
                System.arraycopy(theta, p.offset(), values, 0, p.size());
                out.put(p.name(), values);
            }
        }
        return out;
    }

    /** Writes {@link #json} to {@code file}, pretty-printed, with a final newline. */
    public static void write(Path file, ModelDescriptor model, double[] theta) throws IOException {
        Files.writeString(file, Json.writePretty(json(model, theta)) + "\n", StandardCharsets.UTF_8);
    }

    private static void flatten(Path file, String name, Object value, List<Double> out) throws Invalid {
        if (value instanceof Double d) {
            out.add(d);
        } else if (value instanceof List<?> list) {
            for (Object o : list) {
                flatten(file, name, o, out);
            }
        } else {
            throw new Invalid(file + ": parameter " + name + " must be a number or an array of numbers, got "
                    + (value == null ? "null" : Json.write(value)));
        }
    }
}
