package geo.cli.options;

import geo.cli.common.NumberList;
import geo.cli.common.UsageException;
import geo.runtime.api.ModelDescriptor;
import geo.runtime.load.ParameterFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * Parameter values θ from the command line (a picocli mixin): {@code --params FILE.json}, then
 * each {@code --param NAME=v,...}, later ones winning over the model's defaults and each other.
 * Used by the commands that run a model (through {@link ModelOptions}) and by {@code geo compile},
 * which stores the result as the jar's default θ.
 */
public final class ParameterOptions {

    @Option(names = "--params", paramLabel = "FILE.json",
            description = "Parameter values from a JSON object {\"NAME\": number or (nested) array, ...}; "
                    + "names it lacks keep their defaults.")
    Path paramsFile;

    @Option(names = "--param", paramLabel = "NAME=v1,v2,...",
            description = "Override a parameter (all its elements, row-major); repeatable; applied after --params.")
    List<String> params = List.of();

    /**
     * One override: a parameter's name, all its values (row-major), and where it came from
     * ({@code --param} or the file's name), for messages.
     */
    private record Override(String name, double[] values, String source) {
        String where() {
            return source.equals("--param") ? "--param " + name : source + ": parameter " + name;
        }
    }

    /** Whether any override was given. */
    public boolean given() {
        return paramsFile != null || !params.isEmpty();
    }

    /** θ for one model: {@code defaults} (not modified) overridden; every name must be a parameter of the model. */
    public double[] apply(ModelDescriptor model, double[] defaults) throws UsageException {
        return apply(List.of(model), List.of(defaults)).get(0);
    }

    /**
     * θ for each of several models (those of one file): an override sets the parameter of that
     * name in every model that declares one; a name no model declares is an error, as is a
     * wrong number of values.
     *
     * @param defaults each model's default θ, in the order of {@code models} (not modified)
     * @return each model's θ, new arrays
     */
    public List<double[]> apply(List<ModelDescriptor> models, List<double[]> defaults) throws UsageException {
        List<double[]> thetas = new ArrayList<>();
        for (double[] d : defaults) {
            thetas.add(d.clone());
        }
        for (Override o : overrides()) {
            boolean found = false;
            for (int m = 0; m < models.size(); m++) {
                for (ModelDescriptor.Parameter p : models.get(m).parameters()) {
                    if (p.name().equals(o.name())) {
                        if (o.values().length != p.size()) {
                            throw new UsageException(o.where() + " needs " + p.size() + " values, got "
                                    + o.values().length);
                        }
                        System.arraycopy(o.values(), 0, thetas.get(m), p.offset(), p.size());
                        found = true;
                    }
                }
            }
            if (!found) {
                Set<String> names = new LinkedHashSet<>();
                models.forEach(m -> m.parameters().forEach(p -> names.add(p.name())));
                throw new UsageException(o.source() + ": unknown parameter '" + o.name() + "'; the model"
                        + (models.size() == 1 ? " has " : "s have ") + names);
            }
        }
        return thetas;
    }

    /** The given values by parameter name (all elements, row-major), later ones winning; names are not checked. */
    public Map<String, double[]> byName() throws UsageException {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Override o : overrides()) {
            out.put(o.name(), o.values());
        }
        return out;
    }

    private List<Override> overrides() throws UsageException {
        List<Override> out = new ArrayList<>();
        if (paramsFile != null) {
            readParams(out);
        }
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--param needs NAME=v1,v2,..., got '" + p + "'");
            }
            String name = p.substring(0, eq);
            out.add(new Override(name, NumberList.parse("--param " + name, p.substring(eq + 1)), "--param"));
        }
        return out;
    }

    private void readParams(List<Override> out) throws UsageException {
        try {
            for (Map.Entry<String, double[]> e : ParameterFile.read(paramsFile).entrySet()) {
                out.add(new Override(e.getKey(), e.getValue(), paramsFile.toString()));
            }
        } catch (ParameterFile.Invalid e) {
            throw new UsageException(e.getMessage());
        }
    }
}
