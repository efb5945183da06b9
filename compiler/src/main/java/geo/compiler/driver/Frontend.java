package geo.compiler.driver;

import geo.compiler.ast.Decl;
import geo.compiler.ast.DeepStack;
import geo.compiler.ast.GeoFile;
import geo.compiler.check.CheckedProgram;
import geo.compiler.check.Checker;
import geo.compiler.check.Limits;
import geo.compiler.check.Unit;
import geo.compiler.derive.SanityChecks;
import geo.compiler.ir.NodeBudgetException;
import geo.compiler.ir.NodeFactory;
import geo.compiler.lower.LoweredModel;
import geo.compiler.lower.LoweredModels;
import geo.compiler.lower.Lowering;
import geo.compiler.parse.SourceParser;
import geo.compiler.source.Diagnostics;
import geo.compiler.source.SourceFile;
import geo.compiler.source.SourceSpan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads, parses and checks a {@code .geo} file together with everything it imports, then runs
 * the sampled sanity checks of each manifold (warnings: a metric that is not symmetric or
 * positive definite, a Lagrangian that fails the Legendre condition).
 * Imports are resolved relative to the importing file; each file is parsed once; import cycles
 * are reported at the import that closes them.
 */
public final class Frontend {

    /**
     * The outcome: the checked program (null when there were errors), all diagnostics, and the
     * manifolds the sanity checks lowered, which {@code show} and the compiler reuse instead of
     * lowering them again ({@link LoweredModels}).
     */
    public record Result(CheckedProgram program, Diagnostics diagnostics, LoweredModels lowered) {
        public Result(CheckedProgram program, Diagnostics diagnostics) {
            this(program, diagnostics, new LoweredModels());
        }

        public boolean ok() {
            return program != null && !diagnostics.hasErrors();
        }
    }

    private final Diagnostics diagnostics = new Diagnostics();
    private final Map<Path, Unit> loaded = new HashMap<>();
    private final List<Unit> order = new ArrayList<>();
    /** The files being loaded, innermost first: an import of one of them closes a cycle. */
    private final Deque<Frame> importing = new ArrayDeque<>();
    private boolean parseFailed;

    private record Frame(Path key, String name) {
    }

    private Frontend() {
    }

    /** Checks the file at {@code path}; a file that cannot be read is reported as a diagnostic-free IOException. */
    public static Result checkFile(Path path) throws IOException {
        SourceFile source = SourceFile.read(path);
        return check(source);
    }

    /** Checks source text (its imports resolve against its path, or the working directory). */
    public static Result check(SourceFile source) {
        Frontend f = new Frontend();
        try {
            // An anonymous class, not a lambda: no lambda is linked on geo check's path (start-up, issue 23).
            return DeepStack.run(new Supplier<Result>() {
                @Override
                public Result get() {
                    return f.run(source);
                }
            });
        } catch (StackOverflowError e) {
            f.diagnostics.error(SourceSpan.point(source, 1, 1),
                    "expression nested too deeply for the compiler's stack; split it with let definitions");
            return new Result(null, f.diagnostics);
        }
    }

    private Result run(SourceFile main) {
        Path key = main.path() == null ? null : canonical(main.path());
        load(main, key);
        if (parseFailed || diagnostics.hasErrors()) {
            return new Result(null, diagnostics);
        }
        CheckedProgram program = Checker.check(order, diagnostics);
        LoweredModels lowered = new LoweredModels();
        if (program != null) {
            for (CheckedProgram.Model model : program.manifolds()) {
                NodeFactory f = new NodeFactory();
                try {
                    LoweredModel m = Lowering.lowerModel(program, model, f);
                    lowered.offer(model, m, f);
                    SanityChecks.run(model, m, f, diagnostics);
                } catch (NodeBudgetException e) {
                    diagnostics.error(model.decl().name().span(),
                            Limits.tooLarge("manifold '" + model.name() + "'", e.budget()));
                    return new Result(null, diagnostics);
                }
            }
        }
        return new Result(program, diagnostics, lowered);
    }

    private Unit load(SourceFile source, Path key) {
        GeoFile file = SourceParser.parse(source, diagnostics);
        if (file == null) {
            parseFailed = true;
            return null;
        }
        importing.push(new Frame(key, source.displayName()));
        List<Unit.Imported> imports = new ArrayList<>();
        for (Decl d : file.decls()) {
            if (d instanceof Decl.Import imp) {
                GeoFile target = resolveImport(source, imp);
                if (target != null) {
                    imports.add(new Unit.Imported(imp, target));
                }
            }
        }
        importing.pop();
        Unit unit = new Unit(file, imports);
        if (key != null) {
            loaded.put(key, unit);
        }
        order.add(unit);
        return unit;
    }

    private GeoFile resolveImport(SourceFile from, Decl.Import imp) {
        Path base = from.path() == null ? Path.of("") : from.path().toAbsolutePath().getParent();
        Path target = base.resolve(imp.path());
        String display = displayName(from, imp.path());
        if (!Files.isRegularFile(target)) {
            diagnostics.error(imp.pathSpan(), "cannot import \"" + imp.path() + "\": no such file");
            return null;
        }
        Path key = canonical(target);
        List<Frame> frames = new ArrayList<>(importing);
        int start = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (key.equals(frames.get(i).key())) {
                start = i;
            }
        }
        if (start >= 0) {
            StringBuilder cycle = new StringBuilder();
            for (int i = start; i >= 0; i--) {
                cycle.append(frames.get(i).name()).append(" -> ");
            }
            cycle.append(display);
            diagnostics.error(imp.pathSpan(), "import cycle: " + cycle);
            return null;
        }
        Unit done = loaded.get(key);
        if (done != null) {
            return done.file();
        }
        try {
            SourceFile source = SourceFile.read(target, display);
            Unit unit = load(source, key);
            return unit == null ? null : unit.file();
        } catch (NoSuchFileException e) {
            diagnostics.error(imp.pathSpan(), "cannot import \"" + imp.path() + "\": no such file");
        } catch (IOException e) {
            diagnostics.error(imp.pathSpan(), "cannot import \"" + imp.path() + "\": " + e.getMessage());
        }
        return null;
    }

    private static String displayName(SourceFile from, String importPath) {
        Path parent = Path.of(from.displayName()).getParent();
        return (parent == null ? Path.of(importPath) : parent.resolve(importPath)).normalize().toString();
    }

    private static Path canonical(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

}
