package geo.cli;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.show.Numbers;
import geo.compiler.show.ShowException;
import geo.compiler.source.Diagnostic;
import geo.compiler.source.SourceFile;
import geo.runtime.api.Json;
import geo.runtime.api.ModelDescriptor;
import geo.runtime.load.Model;
import geo.runtime.load.ModelLoadException;
import geo.runtime.load.ModelSet;
import geo.runtime.load.Models;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options every command that runs a model shares (a picocli mixin): the model (a {@code .geo}
 * file, compiled in process, or a jar from {@code geo compile}), which manifold of it, and the
 * parameter values θ — the model's defaults, then {@code --params FILE.json}, then each
 * {@code --param NAME=v,...}, later ones winning.
 */
final class ModelOptions {

    @Parameters(index = "0", paramLabel = "MODEL", description = "A .geo file or a model jar from 'geo compile'.")
    Path modelPath;

    @Option(names = "--manifold", paramLabel = "NAME", description = "The manifold to use (default: the first).")
    String manifold;

    @Option(names = "--params", paramLabel = "FILE.json",
            description = "Parameter values from a JSON object {\"NAME\": number or (nested) array, ...}; "
                    + "names it lacks keep their defaults.")
    Path paramsFile;

    @Option(names = "--param", paramLabel = "NAME=v1,v2,...",
            description = "Override a parameter (all its elements, row-major); repeatable; applied after --params.")
    List<String> params = List.of();

    /**
     * The manifold, or null after printing to {@code io.err()} the diagnostics of a .geo file with
     * errors (the caller exits with 65).
     */
    Model load(Io io) throws UsageException {
        if (!Files.isRegularFile(modelPath)) {
            throw new UsageException("cannot read " + modelPath + ": no such file");
        }
        ModelSet set;
        try {
            if (modelPath.toString().endsWith(".jar")) {
                set = Models.load(modelPath);
            } else {
                SourceFile source = SourceFile.read(modelPath);
                Frontend.Result r = Frontend.check(source);
                for (Diagnostic d : r.diagnostics().sorted()) {
                    io.err().print(d.render());
                }
                if (!r.ok()) {
                    return null;
                }
                set = Compiler.compile(r.program(), source).load();
            }
        } catch (IOException | ModelLoadException e) {
            throw new UsageException("cannot load " + modelPath + ": " + e.getMessage());
        }
        for (Model m : set.models()) {
            if (m.dimension() > 0 && (manifold == null || m.name().equals(manifold))) {
                return m;
            }
        }
        throw new UsageException(manifold == null ? modelPath + " has no manifold"
                : "no manifold called '" + manifold + "' in " + modelPath);
    }

    /** θ for {@code model}: its defaults, overridden by {@code --params} and then by each {@code --param}. */
    double[] parameters(Model model) throws UsageException {
        double[] theta = model.defaultParameters();
        if (paramsFile != null) {
            readParams(model, theta);
        }
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--param needs NAME=v1,v2,..., got '" + p + "'");
            }
            ModelDescriptor.Parameter entry = parameter(model, p.substring(0, eq), "--param");
            double[] values = numbers("--param " + entry.name(), p.substring(eq + 1));
            set(theta, entry, values, "--param " + entry.name());
        }
        return theta;
    }

    private void readParams(Model model, double[] theta) throws UsageException {
        String text;
        try {
            text = Files.readString(paramsFile);
        } catch (IOException e) {
            throw new UsageException("cannot read " + paramsFile + ": " + (Files.exists(paramsFile) ? e.getMessage()
                    : "no such file"));
        }
        Object doc;
        try {
            doc = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(paramsFile + ": not valid JSON: " + e.getMessage());
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new UsageException(paramsFile + ": expected a JSON object of parameter names to values");
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            ModelDescriptor.Parameter entry = parameter(model, name, paramsFile.toString());
            List<Double> flat = new ArrayList<>();
            flatten(e.getValue(), flat, name);
            double[] values = new double[flat.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = flat.get(i);
            }
            set(theta, entry, values, paramsFile + ": parameter " + name);
        }
    }

    private void flatten(Object value, List<Double> out, String name) throws UsageException {
        if (value instanceof Double d) {
            out.add(d);
        } else if (value instanceof List<?> list) {
            for (Object o : list) {
                flatten(o, out, name);
            }
        } else {
            throw new UsageException(paramsFile + ": parameter " + name + " must be a number or an array of numbers, got "
                    + (value == null ? "null" : Json.write(value)));
        }
    }

    private ModelDescriptor.Parameter parameter(Model model, String name, String where) throws UsageException {
        return model.descriptor().parameters().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new UsageException(where + ": unknown parameter '" + name + "'; the model has "
                        + model.descriptor().parameters().stream().map(ModelDescriptor.Parameter::name).toList()));
    }

    private static void set(double[] theta, ModelDescriptor.Parameter entry, double[] values, String where)
            throws UsageException {
        if (values.length != entry.size()) {
            throw new UsageException(where + " needs " + entry.size() + " values, got " + values.length);
        }
        System.arraycopy(values, 0, theta, entry.offset(), values.length);
    }

    /** A point or vector of exactly d numbers. */
    static double[] vector(String option, String text, int d) throws UsageException {
        double[] x = numbers(option, text);
        if (x.length != d) {
            throw new UsageException(option + " needs " + d + " numbers (the model has " + d + " coordinates), got "
                    + x.length);
        }
        return x;
    }

    static double[] numbers(String option, String text) throws UsageException {
        try {
            return Numbers.parseList(option, text);
        } catch (ShowException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
