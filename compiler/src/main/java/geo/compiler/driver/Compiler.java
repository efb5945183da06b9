package geo.compiler.driver;

import geo.compiler.check.CheckedProgram;
import geo.compiler.emit.GeneratedClass;
import geo.compiler.emit.ModelEmitter;
import geo.compiler.check.Limits;
import geo.compiler.ir.Dag;
import geo.compiler.ir.NodeBudgetException;
import geo.compiler.ir.NodeFactory;
import geo.compiler.lower.LoweredFunction;
import geo.compiler.lower.LoweredLoss;
import geo.compiler.lower.LoweredModel;
import geo.compiler.lower.Lowering;
import geo.compiler.source.CompileException;
import geo.compiler.source.SourceFile;
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
        String hash = sha256(source.text());
        String version = Models.runtimeVersion();
        String file = source.path() != null ? source.path().getFileName().toString()
                : Path.of(source.displayName()).getFileName().toString();
        CompileReport report = new CompileReport();
        List<GeneratedClass> classes = new ArrayList<>();
        for (CheckedProgram.Model model : program.manifolds()) {
            NodeFactory f = new NodeFactory();
            long t0 = System.nanoTime();
            LoweredModel lowered;
            GeneratedClass c;
            long t1;
            try {
                lowered = Lowering.lowerModel(program, model, f);
                t1 = System.nanoTime();
                report.stage(model.name(), "lower", lowered.metric() != null ? Dag.count(lowered.metric().elements())
                        : Dag.count(lowered.lagrangian()), t1 - t0);
                c = ModelEmitter.emit(ModelEmitter.manifold(model, lowered, f, hash, version), file);
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
            NodeFactory f = new NodeFactory();
            long t0 = System.nanoTime();
            long t1;
            GeneratedClass c;
            try {
                LoweredLoss lowered = Lowering.lowerLoss(program, loss, f);
                t1 = System.nanoTime();
                report.stage(loss.name(), "lower", Dag.count(lowered.value()), t1 - t0);
                c = ModelEmitter.emit(ModelEmitter.loss(loss, lowered, f, hash, version), file);
            } catch (NodeBudgetException e) {
                throw new CompileException(loss.decl().name().span(), Limits.tooLarge("loss '" + loss.name() + "'",
                        e.budget()), e);
            }
            report.stage(loss.name(), "derive + emit", f.size(), System.nanoTime() - t1);
            report.generated(c);
            classes.add(c);
        }
        for (CheckedProgram.Function fn : program.functions()) {
            NodeFactory f = new NodeFactory();
            long t0 = System.nanoTime();
            long t1;
            GeneratedClass c;
            try {
                LoweredFunction lowered = Lowering.lowerFunction(program, fn, f);
                t1 = System.nanoTime();
                report.stage(fn.name(), "lower", Dag.count(lowered.outputs()), t1 - t0);
                c = ModelEmitter.emit(ModelEmitter.function(fn, lowered, f, hash, version), file);
            } catch (NodeBudgetException e) {
                throw new CompileException(fn.decl().name().span(), Limits.tooLarge("fn '" + fn.name() + "'",
                        e.budget()), e);
            }
            report.stage(fn.name(), "derive + emit", f.size(), System.nanoTime() - t1);
            report.generated(c);
            classes.add(c);
        }
        return new Compiled(source, hash, version, classes, report);
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
