package geo.compiler.check;

import geo.compiler.ast.Decl;
import geo.compiler.ast.Member;
import geo.compiler.source.Diagnostics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Runs the checks in order: resolve names, order definitions, check shapes. */
public final class Checker {

    private Checker() {
    }

    /**
     * Checks a program, reporting every error into {@code diagnostics}.
     *
     * @param units all files of the program, each imported file before its importers, the main file last
     * @return the checked program, or null when there were errors
     */
    public static CheckedProgram check(List<Unit> units, Diagnostics diagnostics) {
        int before = diagnostics.errorCount();
        Resolver resolver = new Resolver(diagnostics);
        resolver.resolve(units);

        List<Binding> definitions = new ArrayList<>();
        Set<Binding> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Binding b : resolver.bindingOf.values()) {
            if ((b instanceof Binding.Let || b instanceof Binding.Def || b instanceof Binding.Metric) && seen.add(b)) {
                definitions.add(b);
            }
        }
        // A comparator class, not a lambda: no lambda is linked on geo check's path (start-up, issue 23).
        definitions.sort(new Comparator<Binding>() {
            @Override
            public int compare(Binding a, Binding b) {
                return Checker.compare(a, b);
            }
        });
        DefinitionOrder order = new DefinitionOrder(definitions, resolver.references, diagnostics);

        ConstEval constants = new ConstEval(resolver.names, diagnostics);
        ShapeChecker shapes = new ShapeChecker(diagnostics, resolver.names, resolver.calls, constants);
        DeclChecker decls = new DeclChecker(diagnostics, resolver, shapes, constants);
        decls.check(units, order);

        if (diagnostics.errorCount() > before) {
            return null;
        }
        List<CheckedProgram.Model> models = models(units, resolver, shapes, decls);
        return new CheckedProgram(List.copyOf(units), models, losses(units, resolver, models),
                functions(units, resolver, models),
                Collections.unmodifiableMap(resolver.names), Collections.unmodifiableMap(resolver.calls),
                namedShapes(units, resolver, shapes), Collections.unmodifiableMap(decls.initialisers));
    }

    private static int compare(Binding a, Binding b) {
        int byFile = a.declared().file().displayName().compareTo(b.declared().file().displayName());
        if (byFile != 0) {
            return byFile;
        }
        int byLine = Integer.compare(a.declared().line(), b.declared().line());
        return byLine != 0 ? byLine : Integer.compare(a.declared().column(), b.declared().column());
    }

    private static List<CheckedProgram.Model> models(List<Unit> units, Resolver resolver, ShapeChecker shapes,
                                                     DeclChecker decls) {
        var mainFile = units.get(units.size() - 1).file();
        List<CheckedProgram.Model> out = new ArrayList<>();
        for (Resolver.ManifoldParts m : resolver.manifolds) {
            if (m.scope().parent() != resolver.fileScopes.get(mainFile)) {
                continue;
            }
            List<Binding.Param> params = visibleParams(m.scope());
            int count = 0;
            for (Binding.Param p : params) {
                count += shapes.paramShapes.get(p).size();
            }
            out.add(new CheckedProgram.Model(m.decl(), shapes.dimensions.get(m.coords()), m.coords(), m.metric(),
                    m.lagrangian(), params, count, decls.domains.get(m.coords()),
                    decls.periods.get(m.coords()), m.scope()));
        }
        return List.copyOf(out);
    }

    /** The parameters visible in {@code scope}: outermost scope first, each in declaration order. */
    private static List<Binding.Param> visibleParams(Scope scope) {
        List<Binding.Param> params = new ArrayList<>();
        for (Scope s = scope; s != null; s = s.parent()) {
            List<Binding.Param> level = new ArrayList<>();
            for (Binding b : s.ownBindings()) {
                if (b instanceof Binding.Param p) {
                    level.add(p);
                }
            }
            params.addAll(0, level);
        }
        return List.copyOf(params);
    }

    private static List<CheckedProgram.Loss> losses(List<Unit> units, Resolver resolver,
                                                    List<CheckedProgram.Model> models) {
        var mainFile = units.get(units.size() - 1).file();
        List<CheckedProgram.Loss> out = new ArrayList<>();
        for (Decl d : mainFile.decls()) {
            if (d instanceof Decl.Loss l) {
                out.add(new CheckedProgram.Loss(l, null, visibleParams(resolver.fileScopes.get(mainFile))));
            }
        }
        for (CheckedProgram.Model m : models) {
            for (Member member : m.decl().members()) {
                if (member instanceof Decl.Loss l) {
                    out.add(new CheckedProgram.Loss(l, m, m.params()));
                }
            }
        }
        return List.copyOf(out);
    }

    private static List<CheckedProgram.Function> functions(List<Unit> units, Resolver resolver,
                                                           List<CheckedProgram.Model> models) {
        var mainFile = units.get(units.size() - 1).file();
        List<CheckedProgram.Function> out = new ArrayList<>();
        for (Decl d : mainFile.decls()) {
            if (d instanceof Decl.Def f && f.compiled()) {
                out.add(new CheckedProgram.Function(f, null, visibleParams(resolver.fileScopes.get(mainFile))));
            }
        }
        for (CheckedProgram.Model m : models) {
            for (Member member : m.decl().members()) {
                if (member instanceof Decl.Def f && f.compiled()) {
                    out.add(new CheckedProgram.Function(f, m, m.params()));
                }
            }
        }
        return List.copyOf(out);
    }

    private static Map<String, Shape> namedShapes(List<Unit> units, Resolver resolver, ShapeChecker shapes) {
        Map<String, Shape> out = new LinkedHashMap<>();
        for (Unit u : units) {
            for (Decl d : u.file().decls()) {
                if (d instanceof Decl.Manifold m) {
                    for (Member member : m.members()) {
                        record(out, m.name().text() + ".", resolver.bindingOf.get(member), shapes);
                    }
                } else {
                    record(out, "", resolver.bindingOf.get(d), shapes);
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static void record(Map<String, Shape> out, String prefix, Binding b, ShapeChecker shapes) {
        if (b instanceof Binding.Param p && shapes.paramShapes.containsKey(p)) {
            out.put(prefix + b.name().text(), shapes.paramShapes.get(p));
        } else if (b != null && shapes.definitions.containsKey(b)) {
            out.put(prefix + b.name().text(), shapes.definitions.get(b).shape());
        } else if (b instanceof Binding.Lagrangian) {
            out.put(prefix + b.name().text(), Shape.SCALAR);
        }
    }
}
