package geo.spark.job;

import geo.runtime.api.Json;
import geo.runtime.api.ModelDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * θ for a job from a parameters JSON file, the format {@code geo dist --params} reads and
 * {@code geo fit} writes: an object of parameter names to numbers or (nested) arrays, flattened
 * row-major; names the file lacks keep the model's defaults. Read on the driver: the job carries
 * the resulting θ, so one compiled jar serves any learned parameters.
 */
public final class ThetaFile {

    private ThetaFile() {
    }

    /**
     * The model's defaults overridden by the file's values.
     *
     * @throws JobException for an unreadable file, JSON that is not an object of numbers, an unknown
     *                      parameter (the message lists the model's), or a wrong number of values
     */
    public static double[] apply(Path file, ModelDescriptor model, double[] defaults) throws JobException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new JobException("cannot read " + file + ": " + (Files.exists(file) ? e.getMessage() : "no such file"));
        }
        Object doc;
        try {
            doc = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new JobException(file + ": not valid JSON: " + e.getMessage());
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new JobException(file + ": expected a JSON object of parameter names to values");
        }
        double[] theta = defaults.clone();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            ModelDescriptor.Parameter p = model.parameters().stream().filter(q -> q.name().equals(name)).findFirst()
                    .orElseThrow(() -> new JobException(file + ": unknown parameter '" + name + "'; model "
                            + model.name() + " has " + model.parameters().stream().map(ModelDescriptor.Parameter::name)
                            .toList()));
            List<Double> flat = new ArrayList<>();
            flatten(file, name, e.getValue(), flat);
            if (flat.size() != p.size()) {
                throw new JobException(file + ": parameter " + name + " needs " + p.size() + " values, got " + flat.size());
            }
            for (int k = 0; k < flat.size(); k++) {
                theta[p.offset() + k] = flat.get(k);
            }
        }
        return theta;
    }

    private static void flatten(Path file, String name, Object value, List<Double> out) throws JobException {
        if (value instanceof Double d) {
            out.add(d);
        } else if (value instanceof List<?> list) {
            for (Object o : list) {
                flatten(file, name, o, out);
            }
        } else {
            throw new JobException(file + ": parameter " + name + " must be a number or an array of numbers, got "
                    + (value == null ? "null" : Json.write(value)));
        }
    }
}
