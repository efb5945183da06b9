package geo.compiler.driver;

import geo.compiler.check.CheckedProgram;
import geo.compiler.emit.GeneratedClass;
import geo.compiler.emit.ModelEmitter;
import geo.compiler.check.Limits;
import geo.compiler.ir.Dag;
import geo.compiler.ir.NodeBudgetException;
import geo.compiler.ir.NodeFactory;
import geo.compiler.lower.LoweredModel;
import geo.compiler.lower.LoweredModels;
import geo.compiler.lower.Lowering;
import geo.compiler.source.CompileException;
import geo.compiler.source.SourceFile;
import geo.compiler.source.SourceSpan;
import geo.runtime.api.Json;
import geo.runtime.load.ModelSet;
import geo.runtime.load.Models;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Compiles a checked program to classes: every manifold, loss and fn of the main file, each
 * lowered into its own node factory, derived, and emitted. The result loads in this process
 * ({@link Compiled#load()}) or goes into a jar ({@code geo.compiler.jar.JarWriter}).
 */
public final class Compiler {

    private Compiler() {
    }

    /** Compiled classes, the index that lists them, the source and the report. */
    public record Compiled(SourceFile source, String sourceHash, String compilerVersion, List<GeneratedClass> classes,
                           CompileReport report) {

        /** Where a jar stores the source. */
        public String sourceEntry() {
            String name = source.path() != null ? source.path().getFileName().toString()
                    : Path.of(source.displayName()).getFileName().toString();
            return "META-INF/geo/source/" + name;
        }

        /** The index ({@code META-INF/geo/models.json}) in JSON. */
        public String indexJson() {
            Map<String, Object> index = new LinkedHashMap<>();
            index.put("compilerVersion", compilerVersion);
            index.put("sourceHash", sourceHash);
            index.put("source", sourceEntry());
            List<Object> models = new ArrayList<>();
            for (GeneratedClass c : classes) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("class", c.binaryName());
                m.put("descriptor", Json.parse(c.descriptor().toJson()));
                m.put("defaults", c.defaults());
                m.put("initialisers", c.initialisers().toJson());
                models.add(m);
            }
            index.put("models", models);
            return Json.write(index);
        }

        /** The class files by binary name. */
        public Map<String, byte[]> classFiles() {
            Map<String, byte[]> out = new LinkedHashMap<>();
            for (GeneratedClass c : classes) {
                out.put(c.binaryName(), c.bytes());
            }
            return out;
        }

        /** Loads the classes in this process, exactly as a jar of them would load. */
        public ModelSet load() {
            return Models.define(indexJson(), classFiles(), source.text(), source.displayName());
        }
    }

    /**
     * Compiles the manifolds and losses of {@code program}, whose main file is {@code source}.
     *
     * @throws CompileException when a model's derivations exceed the node budget, at its declaration
     */
    public static Compiled compile(CheckedProgram program, SourceFile source) {
        return compile(program, source, new LoweredModels());
    }

    /**
     * Compiles the program of a front-end result, reusing the manifolds its sanity checks lowered
     * where {@link LoweredModels} allows (one lowering per command; the classes are the same).
     *
     * @throws CompileException when a model's derivations exceed the node budget, at its declaration
     */
    public static Compiled compile(Frontend.Result result, SourceFile source) {
        return compile(result.program(), source, result.lowered());
    }

    /**
     * Compiles the manifolds and losses of {@code program}; manifolds come from {@code manifolds}
     * (lowered afresh unless an earlier stage offered them).
     *
     * @throws CompileException when a model's derivations exceed the node budget, at its declaration
     */
    public static Compiled compile(CheckedProgram program, SourceFile source, LoweredModels manifolds) {
        String hash = sha256(source.text());
        String version = Models.runtimeVersion();
        String file = source.path() != null ? source.path().getFileName().toString()
                : Path.of(source.displayName()).getFileName().toString();
        CompileReport report = new CompileReport();
        List<GeneratedClass> classes = new ArrayList<>();
        for (CheckedProgram.Model model : program.manifolds()) {
            long t0 = System.nanoTime();
            NodeFactory f = null;
            GeneratedClass c;
            long t1;
            try {
                LoweredModels.Lowered l = manifolds.lower(program, model);
                LoweredModel m = l.model();
                f = l.factory();
                t1 = System.nanoTime();
                report.stage(model.name(), "lower", m.metric() != null ? Dag.count(m.metric().elements())
                        : Dag.count(m.lagrangian()), t1 - t0);
                c = ModelEmitter.emit(ModelEmitter.manifold(model, m, f, hash, version), file);
            } catch (NodeBudgetException e) {
                throw new CompileException(model.decl().name().span(),
                        Limits.tooLarge("manifold '" + model.name() + "'", e.budget()), e);
            }
            long t2 = System.nanoTime();
            report.stage(model.name(), "derive + emit", f.size(), t2 - t1);
            report.generated(c);
            classes.add(c);
        }
        for (CheckedProgram.Loss loss : program.losses()) {
            classes.add(unit("loss", loss.name(), loss.decl().name().span(), report, file,
                    f -> Lowering.lowerLoss(program, loss, f), l -> Dag.count(l.value()),
                    (l, f) -> ModelEmitter.loss(loss, l, f, hash, version)));
        }
        for (CheckedProgram.Function fn : program.functions()) {
            classes.add(unit("fn", fn.name(), fn.decl().name().span(), report, file,
                    f -> Lowering.lowerFunction(program, fn, f), l -> Dag.count(l.outputs()),
                    (l, f) -> ModelEmitter.function(fn, l, f, hash, version)));
        }
        return new Compiled(source, hash, version, classes, report);
    }

    /**
     * Lowers one loss or fn into a node factory of its own, derives and emits it, recording both
     * stages in {@code report}; a node budget overrun becomes a compile error at {@code at}.
     */
    private static <T> GeneratedClass unit(String kind, String name, SourceSpan at, CompileReport report, String file,
                                           Function<NodeFactory, T> lower, ToIntFunction<T> size,
                                           BiFunction<T, NodeFactory, ModelEmitter.Plan> plan) {
        NodeFactory f = new NodeFactory();
        long t0 = System.nanoTime();
        long t1;
        GeneratedClass c;
        try {
            T lowered = lower.apply(f);
            t1 = System.nanoTime();
            report.stage(name, "lower", size.applyAsInt(lowered), t1 - t0);
            c = ModelEmitter.emit(plan.apply(lowered, f), file);
        } catch (NodeBudgetException e) {
            throw new CompileException(at, Limits.tooLarge(kind + " '" + name + "'", e.budget()), e);
        }
        report.stage(name, "derive + emit", f.size(), System.nanoTime() - t1);
        report.generated(c);
        return c;
    }

    static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
