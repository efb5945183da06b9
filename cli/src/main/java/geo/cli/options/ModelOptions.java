package geo.cli.options;

import geo.cli.common.Io;
import geo.cli.common.UsageException;
import geo.compiler.driver.BuildId;
import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.emit.ClassLimitException;
import geo.compiler.source.Diagnostics;
import geo.compiler.source.SourceFile;
import geo.runtime.api.MetricCheck;
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
public final class ModelOptions {

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
    public Model load(Io io) throws UsageException {
        return load(io, modelPath, manifold);
    }

    /**
     * Manifold {@code manifold} (null: the first) of the .geo file or model jar at {@code modelPath},
     * or null after printing the diagnostics of a .geo file with errors.
     */
    public static Model load(Io io, Path modelPath, String manifold) throws UsageException {
        ModelSet set = loadSet(io, modelPath);
        if (set == null) {
            return null;
        }
        for (Model m : set.models()) {
            if (m.dimension() > 0 && (manifold == null || m.name().equals(manifold))) {
                return m;
            }
        }
        throw new UsageException(manifold == null ? modelPath + " has no manifold"
                : "no manifold called '" + manifold + "' in " + modelPath);
    }

    /**
     * Fn {@code name} of the .geo file or model jar at {@code modelPath} (for {@code geo eval
     * --fn NAME}), or null after printing the diagnostics of a .geo file with errors; a missing fn
     * is a usage error that lists the fns there are.
     */
    public static Model loadFunction(Io io, Path modelPath, String name) throws UsageException {
        ModelSet set = loadSet(io, modelPath);
        if (set == null) {
            return null;
        }
        try {
            return set.function(name);
        } catch (ModelLoadException e) {
            throw new UsageException(modelPath + ": " + e.getMessage());
        }
    }

    /**
     * All models of the .geo file (compiled in process) or model jar at {@code modelPath}, or null
     * after printing the diagnostics of a .geo file with errors (the caller exits with 65).
     */
    public static ModelSet loadSet(Io io, Path modelPath) throws UsageException {
        if (!Files.isRegularFile(modelPath)) {
            throw new UsageException("cannot read " + modelPath + ": no such file");
        }
        try {
            if (modelPath.toString().endsWith(".jar")) {
                ModelSet set = Models.load(modelPath);
                noteOtherBuild(io, modelPath, set);
                return set;
            }
            SourceFile source = SourceFile.read(modelPath);
            Frontend.Result r = Frontend.check(source);
            io.err().print(r.diagnostics().shown(Diagnostics.DEFAULT_MAX_SHOWN).render());
            if (!r.ok()) {
                return null;
            }
            try {
                return Compiler.compile(r.program(), source).load();
            } catch (ClassLimitException e) {
                io.err().println(modelPath + ": error: " + e.getMessage());
                return null;
            }
        } catch (IOException e) {
            throw new UsageException("cannot load " + modelPath + ": " + e.getMessage());
        } catch (ModelLoadException e) {
            // Its message starts with the jar's path: "m.jar: entry ... was modified after 'geo compile'".
            throw new UsageException("cannot load " + e.getMessage());
        }
    }

    /**
     * A note on standard error when a jar was written by another build of the compiler than this
     * one: it loads (its format and runtime API are this runtime's), but results may differ from
     * what this build would compile, so the user should know.
     */
    public static void noteOtherBuild(Io io, Path jar, ModelSet set) {
        set.build().ifPresent(b -> {
            if (!b.compilerBuild().equals(BuildId.current())) {
                io.err().println("geo: note: " + jar + " was compiled by another build of Geo: " + b
                        + "; this is Geo " + Models.runtimeVersion() + " (build " + BuildId.currentShort() + ")");
            }
        });
    }

    /** θ for {@code model}: its defaults, overridden by {@code --params} and then by each {@code --param}. */
    public double[] parameters(Model model) throws UsageException {
        return overrides.apply(model.descriptor(), model.defaultParameters());
    }

    /**
     * As {@link #parameters(Model)}; when parameters were given and the model has a metric, they
     * are checked as the compiler checks the defaults (g finite, symmetric and positive definite at
     * sampled points of the domain, {@link MetricCheck#sample}), with a warning on standard error.
     * The solvers themselves fail (exit 70) where they meet such a metric.
     *
     * @param command the prefix of the warning, e.g. "geo dist"
     */
    public double[] checkedParameters(Model model, Io io, String command) throws UsageException {
        double[] theta = parameters(model);
        if (overrides.given() && model.descriptor().kernels().contains("metric")) {
            String problem = MetricCheck.sample(model.metric(), model.descriptor().domain(), model.dimension(), theta);
            if (problem != null) {
                io.err().println(command + ": warning: with the given parameters the metric is not a valid Riemannian "
                        + "metric at " + problem);
            }
        }
        return theta;
    }
}
