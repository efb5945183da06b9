package geo.cli;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.show.Numbers;
import geo.compiler.show.ShowException;
import geo.compiler.source.Diagnostics;
import geo.compiler.source.SourceFile;
import geo.runtime.load.Model;
import geo.runtime.load.ModelLoadException;
import geo.runtime.load.ModelSet;
import geo.runtime.load.Models;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
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

    @Mixin
    ParameterOptions overrides;

    /**
     * The manifold, or null after printing to {@code io.err()} the diagnostics of a .geo file with
     * errors (the caller exits with 65).
     */
    Model load(Io io) throws UsageException {
        return load(io, modelPath, manifold);
    }

    /**
     * Manifold {@code manifold} (null: the first) of the .geo file or model jar at {@code modelPath},
     * or null after printing the diagnostics of a .geo file with errors.
     */
    static Model load(Io io, Path modelPath, String manifold) throws UsageException {
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
                io.err().print(r.diagnostics().shown(Diagnostics.DEFAULT_MAX_SHOWN).render());
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
        return overrides.apply(model.descriptor(), model.defaultParameters());
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
