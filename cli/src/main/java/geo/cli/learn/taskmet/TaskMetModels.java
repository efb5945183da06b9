package geo.cli.learn.taskmet;

import geo.compiler.check.CheckedProgram;
import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.ir.NodeFactory;
import geo.compiler.lower.Lowering;
import geo.compiler.source.Diagnostics;
import geo.compiler.source.SourceFile;
import geo.runtime.api.FunctionKernels;
import geo.runtime.api.LossKernels;
import geo.runtime.api.ModelDescriptor;
import geo.runtime.learn.taskmet.Networks;
import geo.runtime.load.Model;
import geo.runtime.load.ModelLoadException;
import geo.runtime.load.ModelSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code .geo} models of {@code geo taskmet}: the bundled {@code cubic.geo}, {@code budget.geo}
 * and {@code portfolio.geo} (resources next to this class) or a user's file with the same
 * contract: a {@code fn predict} of one row, a {@code loss pred(x, y)} of one row (the Λ-weighted
 * squared error), optionally a {@code fn weight} (Λ of a d = 1 problem, for the figure), and the
 * metric's parameters named {@link #METRIC_PARAMETERS} (all other parameters are the predictor's).
 * θ₀ of seed S is every initialiser of the file drawn with seed S (the compiler's own draw,
 * {@code ParamLayout.initialValues}), so seeds differ in their initial networks as in the paper.
 */
public final class TaskMetModels {

    /** The names of the metric's parameters φ. */
    public static final Set<String> METRIC_PARAMETERS = Set.of("M1", "c1", "M2", "c2", "s");

    /** A compiled model file. */
    public record Compiled(ModelSet set, CheckedProgram program, String source) {
    }

    private TaskMetModels() {
    }

    /** The bundled model of a problem, as text. */
    public static String bundled(String problem) throws IOException {
        try (InputStream in = TaskMetModels.class.getResourceAsStream(problem + ".geo")) {
            if (in == null) {
                throw new IOException("no bundled model for problem '" + problem + "'");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Compiles a model; null after appending the diagnostics to {@code errors} when it has errors.
     */
    public static Compiled compile(SourceFile source, StringBuilder errors) {
        Frontend.Result r = Frontend.check(source);
        errors.append(r.diagnostics().shown(Diagnostics.DEFAULT_MAX_SHOWN).render());
        if (!r.ok()) {
            return null;
        }
        return new Compiled(Compiler.compile(r, source).load(), r.program(), source.displayName());
    }

    /** The bundled model of a problem, compiled (it has no errors: a test checks). */
    public static Compiled bundledCompiled(String problem) throws IOException {
        StringBuilder errors = new StringBuilder();
        Compiled c = compile(SourceFile.of(problem + ".geo", bundled(problem)), errors);
        if (c == null) {
            throw new IllegalStateException("the bundled " + problem + ".geo has errors:\n" + errors);
        }
        return c;
    }

    /**
     * The networks of a compiled model with θ₀ drawn with {@code seed}.
     *
     * @throws IllegalArgumentException when the file does not follow the contract (the message says what is missing)
     */
    public static Networks networks(Compiled c, long seed) {
        Model pred;
        Model predictor;
        try {
            pred = c.set().model("pred");
            predictor = c.set().function("predict");
        } catch (ModelLoadException e) {
            throw new IllegalArgumentException(c.source() + ": " + e.getMessage()
                    + " (a TaskMet model needs fn predict and loss pred)");
        }
        if (!pred.descriptor().kind().equals("loss")) {
            throw new IllegalArgumentException(c.source() + ": 'pred' must be a loss");
        }
        FunctionKernels weight = null;
        for (Model m : c.set().models()) {
            if (m.name().equals("weight") && m.descriptor().kind().equals("function")) {
                weight = m.function();
            }
        }
        LossKernels loss = pred.loss();
        ModelDescriptor d = pred.descriptor();
        List<Integer> p = new ArrayList<>();
        List<Integer> m = new ArrayList<>();
        for (ModelDescriptor.Parameter q : d.parameters()) {
            List<Integer> into = METRIC_PARAMETERS.contains(q.name()) ? m : p;
            for (int k = 0; k < q.size(); k++) {
                into.add(q.offset() + k);
            }
        }
        if (predictor.descriptor().parameterCount() != d.parameterCount()) {
            throw new IllegalArgumentException(c.source() + ": fn predict and loss pred must see the same parameters");
        }
        double[] theta = initial(c, seed);
        return new Networks(predictor.function(), loss, weight, p.stream().mapToInt(Integer::intValue).toArray(),
                m.stream().mapToInt(Integer::intValue).toArray(), theta);
    }

    /** Every initialiser of the file's loss {@code pred}, drawn with {@code seed}. */
    static double[] initial(Compiled c, long seed) {
        for (CheckedProgram.Loss l : c.program().losses()) {
            if (l.name().equals("pred")) {
                return Lowering.lowerLoss(c.program(), l, new NodeFactory()).params().initialValues(seed);
            }
        }
        throw new IllegalArgumentException(c.source() + ": no loss pred");
    }

    /** Reads a user's model file. */
    public static SourceFile read(Path file) throws IOException {
        return SourceFile.read(file);
    }
}
