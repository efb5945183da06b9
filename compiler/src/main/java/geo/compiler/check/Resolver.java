package geo.compiler.check;

import geo.compiler.ast.Decl;
import geo.compiler.ast.Expr;
import geo.compiler.ast.Formal;
import geo.compiler.ast.GeoFile;
import geo.compiler.ast.Ident;
import geo.compiler.ast.IndexItem;
import geo.compiler.ast.Init;
import geo.compiler.ast.Member;
import geo.compiler.ast.Periodic;
import geo.compiler.source.Diagnostic;
import geo.compiler.source.Diagnostics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Declares every name in its scope (reporting duplicates and redefined built-ins) and resolves
 * every use lexically (reporting undefined names, values called as functions and functions used
 * as values, and velocities or time used outside their lagrangian). Records, for each let, def
 * and metric, which other lets, defs and metrics its body refers to.
 */
final class Resolver {

    /** The parts of a manifold the later checks need, found while declaring its members. */
    record ManifoldParts(Decl.Manifold decl, Scope scope, Member.Coords coords, Member.Metric metric,
                         Member.Lagrangian lagrangian) {
    }

    private final Diagnostics diagnostics;
    private final Scope builtins = new Scope(null, "built-ins");
    final Map<Expr.Name, Binding> names = new IdentityHashMap<>();
    final Map<Expr.Call, Binding.Def> calls = new IdentityHashMap<>();
    final Map<Binding, Set<Binding>> references = new LinkedHashMap<>();
    final Map<Object, Binding> bindingOf = new IdentityHashMap<>();
    final Map<GeoFile, Scope> fileScopes = new IdentityHashMap<>();
    final List<ManifoldParts> manifolds = new ArrayList<>();
    private final Map<Scope, Member.Lagrangian> lagrangianOfScope = new HashMap<>();

    Resolver(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
        builtins.put("pi", new Binding.Constant(new Ident("pi", null), Math.PI));
    }

    /** Declares and resolves all units, imported ones first. */
    void resolve(List<Unit> units) {
        for (Unit u : units) {
            declareFile(u);
        }
        for (Unit u : units) {
            resolveFile(u.file());
        }
    }

    private void declareFile(Unit unit) {
        GeoFile file = unit.file();
        Scope scope = new Scope(builtins, "the top level of " + file.source().displayName());
        fileScopes.put(file, scope);
        for (Decl d : file.decls()) {
            if (d instanceof Decl.Manifold m) {
                declare(scope, new Binding.Manifold(m.name(), m), m);
            } else if (d instanceof Decl.Param p) {
                declare(scope, new Binding.Param(p.name(), p), p);
            } else if (d instanceof Decl.Let l) {
                declare(scope, new Binding.Let(l.name(), l, scope), l);
            } else if (d instanceof Decl.Def f) {
                declare(scope, new Binding.Def(f.name(), f, scope), f);
            } else if (d instanceof Decl.Loss l) {
                declare(scope, new Binding.Loss(l.name(), l), l);
            }
        }
        Map<String, Unit.Imported> importedFrom = new HashMap<>();
        for (Unit.Imported imp : unit.imports()) {
            for (Decl d : imp.target().decls()) {
                Binding b = bindingOf.get(d);
                if (!(b instanceof Binding.Param || b instanceof Binding.Let || b instanceof Binding.Def)) {
                    continue;
                }
                String name = b.name().text();
                Binding existing = scope.own(name);
                if (existing == null) {
                    scope.put(name, b);
                    importedFrom.put(name, imp);
                } else if (existing != b) {
                    Unit.Imported earlier = importedFrom.get(name);
                    String where = earlier == null ? "is already defined in this file"
                            : "is already imported from \"" + earlier.decl().path() + "\"";
                    diagnostics.error(imp.decl().pathSpan(), "\"" + imp.decl().path() + "\" defines '" + name
                            + "', which " + where, List.of(
                            Diagnostics.note(existing.declared(), "'" + name + "' is defined here"),
                            Diagnostics.note(b.declared(), "the imported '" + name + "' is defined here")));
                }
            }
        }
        for (Decl d : file.decls()) {
            if (d instanceof Decl.Manifold m) {
                declareManifold(m, scope);
            }
        }
    }

    private void declareManifold(Decl.Manifold m, Scope parent) {
        Scope scope = new Scope(parent, "manifold " + m.name().text());
        Member.Coords coords = null;
        Member.Metric metric = null;
        Member.Lagrangian lagrangian = null;
        for (Member member : m.members()) {
            if (member instanceof Member.Coords c) {
                if (coords != null) {
                    diagnostics.error(c.span(), "manifold '" + m.name().text() + "' already declares its coordinates",
                            List.of(Diagnostics.note(coords.span(), "the coordinates are declared here")));
                    continue;
                }
                coords = c;
                if (c.isVector()) {
                    declare(scope, new Binding.CoordVector(c.names().get(0), c, -1), c);
                } else {
                    for (int i = 0; i < c.names().size(); i++) {
                        declare(scope, new Binding.CoordScalar(c.names().get(i), c, i), c.names().get(i));
                    }
                }
            } else if (member instanceof Decl.Param p) {
                declare(scope, new Binding.Param(p.name(), p), p);
            } else if (member instanceof Decl.Let l) {
                declare(scope, new Binding.Let(l.name(), l, scope), l);
            } else if (member instanceof Decl.Def f) {
                declare(scope, new Binding.Def(f.name(), f, scope), f);
            } else if (member instanceof Decl.Loss l) {
                declare(scope, new Binding.Loss(l.name(), l), l);
            } else if (member instanceof Member.Metric g) {
                if (metric != null) {
                    diagnostics.error(g.name().span(), "manifold '" + m.name().text() + "' already has a metric",
                            List.of(Diagnostics.note(metric.name().span(), "the metric is declared here")));
                    continue;
                }
                metric = g;
                declare(scope, new Binding.Metric(g.name(), g, scope), g);
            } else if (member instanceof Member.Lagrangian l) {
                if (lagrangian != null) {
                    diagnostics.error(l.name().span(), "manifold '" + m.name().text() + "' already has a lagrangian",
                            List.of(Diagnostics.note(lagrangian.name().span(), "the lagrangian is declared here")));
                    continue;
                }
                lagrangian = l;
                declare(scope, new Binding.Lagrangian(l.name(), l), l);
            }
        }
        if (coords == null) {
            diagnostics.error(m.name().span(), "manifold '" + m.name().text()
                    + "' declares no coordinates; add a line such as 'coords x[2];'");
        }
        if (metric == null && lagrangian == null) {
            diagnostics.error(m.name().span(), "manifold '" + m.name().text()
                    + "' has neither a metric nor a lagrangian");
        }
        if (lagrangian != null) {
            lagrangianOfScope.put(scope, lagrangian);
        }
        manifolds.add(new ManifoldParts(m, scope, coords, metric, lagrangian));
    }

    private void declare(Scope scope, Binding b, Object decl) {
        String name = b.name().text();
        bindingOf.put(decl, b);
        if (Builtins.isReserved(name)) {
            diagnostics.error(b.name().span(), "'" + name + "' is a built-in " + (Builtins.function(name) != null
                    ? "function" : "constant") + " and cannot be redefined");
            return;
        }
        Binding existing = scope.own(name);
        if (existing != null) {
            diagnostics.error(b.name().span(), "duplicate definition of '" + name + "' in " + scope.description(),
                    List.of(Diagnostics.note(existing.declared(), "'" + name + "' is first defined here")));
            return;
        }
        scope.put(name, b);
    }

    private void resolveFile(GeoFile file) {
        Scope scope = fileScopes.get(file);
        for (Decl d : file.decls()) {
            if (d instanceof Decl.Manifold m) {
                continue;
            }
            resolveDecl(d, scope);
        }
        for (ManifoldParts parts : manifolds) {
            if (parts.scope().parent() == scope) {
                for (Member member : parts.decl().members()) {
                    resolveMember(member, parts);
                }
            }
        }
    }

    private void resolveDecl(Decl d, Scope scope) {
        if (d instanceof Decl.Param p) {
            resolveParam(p, scope);
        } else if (d instanceof Decl.Let l) {
            expr(l.value(), scope, bindingOf.get(l));
        } else if (d instanceof Decl.Def f) {
            expr(f.body(), formals(f.formals(), f, scope, "function " + f.name().text()), bindingOf.get(f));
        } else if (d instanceof Decl.Loss l) {
            expr(l.body(), formals(l.formals(), l, scope, "loss " + l.name().text()), null);
        }
    }

    private void resolveMember(Member member, ManifoldParts parts) {
        Scope scope = parts.scope();
        if (member instanceof Decl d) {
            resolveDecl(d, scope);
        } else if (member instanceof Member.Coords c) {
            if (c.domain() != null) {
                for (Expr e : c.domain().args()) {
                    expr(e, scope, null);
                }
            }
            for (Periodic p : c.periodic()) {
                expr(p.period(), scope, null);
            }
        } else if (member instanceof Member.Metric g) {
            expr(g.value(), scope, bindingOf.get(g));
        } else if (member instanceof Member.Lagrangian l) {
            Scope inner = new Scope(scope, "lagrangian " + l.name().text());
            int dim = -1;
            declareLagrangianVariable(inner, new Binding.Velocity(l.velocity(), l, dim), l.velocity(), scope);
            if (l.time() != null) {
                declareLagrangianVariable(inner, new Binding.Time(l.time(), l), l.time(), scope);
            }
            expr(l.value(), inner, null);
        }
    }

    /** Declares the velocity or time; also when it clashes (after reporting it), to avoid follow-on errors. */
    private void declareLagrangianVariable(Scope inner, Binding b, Ident name, Scope manifold) {
        Binding hidden = manifold.lookup(name.text());
        if (hidden instanceof Binding.CoordVector || hidden instanceof Binding.CoordScalar) {
            diagnostics.error(name.span(), "the " + b.kind() + " cannot be called '" + name.text()
                    + "': that is the name of a coordinate");
        }
        declare(inner, b, name);
    }

    private void resolveParam(Decl.Param p, Scope scope) {
        if (p.init() instanceof Init.Value v) {
            expr(v.value(), scope, null);
        } else if (p.init() instanceof Init.Random r) {
            for (Expr e : r.args()) {
                expr(e, scope, null);
            }
        }
    }

    private Scope formals(List<Formal> formals, Decl owner, Scope parent, String description) {
        Scope scope = new Scope(parent, description);
        for (Formal f : formals) {
            declare(scope, new Binding.Argument(f.name(), f, owner), f);
        }
        return scope;
    }

    private void expr(Expr e, Scope scope, Binding owner) {
        if (e instanceof Expr.Name n) {
            name(n, scope, owner);
        } else if (e instanceof Expr.Call c) {
            call(c, scope, owner);
            for (Expr a : c.args()) {
                expr(a, scope, owner);
            }
        } else if (e instanceof Expr.Neg n) {
            expr(n.operand(), scope, owner);
        } else if (e instanceof Expr.Binary b) {
            expr(b.left(), scope, owner);
            expr(b.right(), scope, owner);
        } else if (e instanceof Expr.Transpose t) {
            expr(t.operand(), scope, owner);
        } else if (e instanceof Expr.Index i) {
            expr(i.target(), scope, owner);
            for (IndexItem item : i.items()) {
                if (item instanceof IndexItem.At at) {
                    expr(at.index(), scope, owner);
                } else if (item instanceof IndexItem.Slice s) {
                    if (s.lo() != null) {
                        expr(s.lo(), scope, owner);
                    }
                    if (s.hi() != null) {
                        expr(s.hi(), scope, owner);
                    }
                }
            }
        } else if (e instanceof Expr.ListLit l) {
            for (Expr x : l.elements()) {
                expr(x, scope, owner);
            }
        }
    }

    private void name(Expr.Name n, Scope scope, Binding owner) {
        Binding b = scope.lookup(n.id());
        if (b == null) {
            undefinedName(n, scope);
            return;
        }
        if (b instanceof Binding.Def || b instanceof Binding.Loss || b instanceof Binding.Manifold
                || b instanceof Binding.Lagrangian) {
            String what = b instanceof Binding.Def ? "a function; call it with arguments, as in "
                    + n.id() + "(...)" : "a " + b.kind() + " and cannot be used in an expression";
            diagnostics.error(n.span(), "'" + n.id() + "' is " + what, notes(b));
            return;
        }
        names.put(n, b);
        reference(owner, b);
    }

    private void call(Expr.Call c, Scope scope, Binding owner) {
        String id = c.callee().text();
        Binding b = scope.lookup(id);
        if (b instanceof Binding.Def d) {
            calls.put(c, d);
            reference(owner, d);
            return;
        }
        if (b != null) {
            diagnostics.error(c.callee().span(), "'" + id + "' is a " + b.kind() + ", not a function",
                    notes(b));
            return;
        }
        if (Builtins.function(id) == null) {
            List<String> candidates = new ArrayList<>(Builtins.functionNames());
            for (String visible : scope.visibleNames()) {
                if (scope.lookup(visible) instanceof Binding.Def) {
                    candidates.add(visible);
                }
            }
            diagnostics.error(c.callee().span(), "undefined function '" + id + "'" + Suggest.hint(id, candidates));
        }
    }

    private void undefinedName(Expr.Name n, Scope scope) {
        String id = n.id();
        for (Scope s = scope; s != null; s = s.parent()) {
            Member.Lagrangian l = lagrangianOfScope.get(s);
            if (l != null && (id.equals(l.velocity().text()) || (l.time() != null && id.equals(l.time().text())))) {
                String what = id.equals(l.velocity().text()) ? "velocity" : "time";
                diagnostics.error(n.span(), "the " + what + " '" + id + "' can only be used inside lagrangian '"
                        + l.name().text() + "'");
                return;
            }
        }
        String hint = Suggest.hint(id, scope.visibleNames());
        if (hint.isEmpty() && (id.equals("v") || id.equals("t"))) {
            hint = "; velocity and time exist only inside a lagrangian, as in 'lagrangian L(v, t) = ...'";
        }
        diagnostics.error(n.span(), "undefined name '" + id + "'" + hint);
    }

    private void reference(Binding owner, Binding target) {
        if (owner != null && (target instanceof Binding.Let || target instanceof Binding.Def
                || target instanceof Binding.Metric)) {
            // get and put rather than computeIfAbsent with a lambda: no lambda is linked on geo
            // check's path (start-up, issue 23).
            Set<Binding> targets = references.get(owner);
            if (targets == null) {
                targets = new LinkedHashSet<>();
                references.put(owner, targets);
            }
            targets.add(target);
        }
    }

    private static List<Diagnostic> notes(Binding b) {
        return b.declared() == null ? List.of()
                : List.of(Diagnostics.note(b.declared(), "'" + b.name().text() + "' is declared here"));
    }
}
