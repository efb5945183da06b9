package geo.compiler.check;

import geo.compiler.ast.Expr;
import geo.compiler.ast.Formal;
import geo.compiler.ast.IndexItem;
import geo.compiler.ast.Member;
import geo.compiler.source.Diagnostic;
import geo.compiler.source.Diagnostics;
import geo.compiler.source.SourceSpan;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Infers the static shape of every expression and checks every operation against it (matrix
 * product dimensions, indexing bounds, argument shapes of built-ins, defs and fns), and enforces
 * where coordinates may be used (not in losses or fns). Declarations are checked by {@link DeclChecker},
 * which calls {@link #check} for their expressions.
 */
final class ShapeChecker {

    /** What the expression being checked belongs to: its description, and the arguments in scope. */
    record Context(String owner, boolean coordsForbidden, Map<Binding, Typed> arguments) {
        /** The context of a def body called from here: same owner and restrictions, the call's arguments. */
        Context withArguments(Map<Binding, Typed> args) {
            return new Context(owner, coordsForbidden, args);
        }
    }

    private final Diagnostics diagnostics;
    private final Map<Expr.Name, Binding> names;
    private final Map<Expr.Call, Binding.Def> calls;
    private final ConstEval constants;
    /** Typed values of checked lets and metrics. */
    final Map<Binding, Typed> definitions = new HashMap<>();
    /** The number of coordinates of each manifold, filled in by {@link DeclChecker}. */
    final Map<Member.Coords, Integer> dimensions = new IdentityHashMap<>();
    /** The number of coordinates of the manifold of each lagrangian (the length of its velocity). */
    final Map<Member.Lagrangian, Integer> lagrangianDimensions = new IdentityHashMap<>();
    /** Declared parameter shapes, filled in by {@link DeclChecker} before any expression is checked. */
    final Map<Binding.Param, Shape> paramShapes = new HashMap<>();
    /** Bindings of def and loss formals, registered by {@link DeclChecker}. */
    final Map<Formal, Binding> formalBindings = new IdentityHashMap<>();
    /** Defs on a definition cycle: never expanded. */
    final Set<Binding> cyclicDefs = new HashSet<>();
    private final Map<Binding, Shape> argumentShapes = new HashMap<>();
    private final Map<List<Object>, Typed> instances = new HashMap<>();
    private final Deque<SourceSpan> callStack = new ArrayDeque<>();

    ShapeChecker(Diagnostics diagnostics, Map<Expr.Name, Binding> names, Map<Expr.Call, Binding.Def> calls,
                 ConstEval constants) {
        this.diagnostics = diagnostics;
        this.names = names;
        this.calls = calls;
        this.constants = constants;
    }

    /** Records the declared shape of a loss argument or a def argument with a declared shape. */
    void declareArgument(Binding argument, Shape shape) {
        argumentShapes.put(argument, shape);
    }

    private void error(SourceSpan span, String message) {
        List<Diagnostic> notes = new ArrayList<>();
        for (SourceSpan site : callStack) {
            notes.add(Diagnostics.note(site, "in this call"));
        }
        diagnostics.error(span, message, notes);
    }

    /**
     * The shape and dependencies of {@code e}, or null when it has an error (already reported),
     * among them a value of more than {@link Limits#MAX_ELEMENTS} elements.
     */
    Typed check(Expr e, Context ctx) {
        Typed t = infer(e, ctx);
        if (t != null && Limits.elements(t.shape()) > Limits.MAX_ELEMENTS) {
            error(e.span(), "this value is " + t.shape().describe() + " with " + Limits.format(Limits.elements(t.shape()))
                    + " elements; a value has at most " + Limits.format(Limits.MAX_ELEMENTS));
            return null;
        }
        return t;
    }

    /**
     * Reports an operation whose lowering costs more than {@link Limits#MAX_OPERATION_COST}
     * multiplications, and says whether it does.
     */
    boolean tooCostly(SourceSpan span, String operation, long cost) {
        if (cost <= Limits.MAX_OPERATION_COST) {
            return false;
        }
        error(span, operation + " costs " + Limits.format(cost) + " multiplications; one operation may cost at most "
                + Limits.format(Limits.MAX_OPERATION_COST));
        return true;
    }

    private Typed infer(Expr e, Context ctx) {
        if (e instanceof Expr.Num) {
            return new Typed(Shape.SCALAR, Deps.NONE);
        }
        if (e instanceof Expr.Name n) {
            return name(n, ctx);
        }
        if (e instanceof Expr.Call c) {
            return call(c, ctx);
        }
        if (e instanceof Expr.Neg n) {
            return plain(check(n.operand(), ctx));
        }
        if (e instanceof Expr.Binary b) {
            return binary(b, ctx);
        }
        if (e instanceof Expr.Transpose t) {
            Typed a = check(t.operand(), ctx);
            if (a == null) {
                return null;
            }
            Shape s = a.shape();
            Shape out = s.isScalar() ? s : s.isVector() ? Shape.matrix(1, s.rows()) : Shape.matrix(s.cols(), s.rows());
            return new Typed(out, a.deps());
        }
        if (e instanceof Expr.Index i) {
            return index(i, ctx);
        }
        return list((Expr.ListLit) e, ctx);
    }

    private Typed name(Expr.Name n, Context ctx) {
        Binding b = names.get(n);
        if (b == null) {
            return null;
        }
        Typed t;
        if (b instanceof Binding.CoordVector c) {
            Integer d = dimensions.get(c.decl());
            t = d == null ? null : new Typed(Shape.vector(d), Deps.COORDS, Typed.elements(c.decl(), d));
        } else if (b instanceof Binding.CoordScalar c) {
            t = new Typed(Shape.SCALAR, Deps.COORDS, List.of(new Typed.Element(c.decl(), c.index())));
        } else if (b instanceof Binding.Velocity v) {
            Integer d = lagrangianDimensions.get(v.decl());
            t = d == null ? null : new Typed(Shape.vector(d), Deps.VELOCITY, Typed.elements(v, d));
        } else if (b instanceof Binding.Time) {
            t = new Typed(Shape.SCALAR, Deps.TIME, Typed.elements(b, 1));
        } else if (b instanceof Binding.Constant) {
            t = new Typed(Shape.SCALAR, Deps.NONE);
        } else if (b instanceof Binding.Argument) {
            t = ctx.arguments().containsKey(b) ? ctx.arguments().get(b) : typedArgument(b);
        } else if (b instanceof Binding.Param p) {
            Shape s = paramShapes.get(p);
            t = s == null ? null : new Typed(s, Deps.PARAMS);
        } else {
            t = plain(definitions.get(b));
        }
        if (t != null && ctx.coordsForbidden() && (t.deps() & Deps.COORDS) != 0) {
            String why = b instanceof Binding.CoordVector || b instanceof Binding.CoordScalar
                    ? "the coordinate '" + n.id() + "'" : "'" + n.id() + "', which depends on the coordinates";
            error(n.span(), ctx.owner() + " cannot use " + why + "; pass the point as an argument");
            return null;
        }
        return t;
    }

    /** {@code t} as an ordinary value (not a differentiation variable); null stays null. */
    static Typed plain(Typed t) {
        return t == null || !t.isVariable() ? t : new Typed(t.shape(), t.deps());
    }

    /** A loss's (or function's) argument, or a def's argument checked without a call: a variable. */
    Typed typedArgument(Binding b) {
        Shape s = argumentShapes.get(b);
        return s == null ? null : new Typed(s, Deps.INPUTS, Typed.elements(b, s.size()));
    }

    private Typed binary(Expr.Binary b, Context ctx) {
        Typed l = check(b.left(), ctx);
        Typed r = check(b.right(), ctx);
        if (l == null || r == null) {
            return null;
        }
        int deps = l.deps() | r.deps();
        Shape a = l.shape();
        Shape c = r.shape();
        switch (b.op()) {
            case ADD:
            case SUB:
                if (a.equals(c) || c.isScalar()) {
                    return new Typed(a, deps);
                }
                if (a.isScalar()) {
                    return new Typed(c, deps);
                }
                error(b.opSpan(), "cannot " + (b.op() == Expr.BinOp.ADD ? "add " : "subtract ") + c.describe()
                        + (b.op() == Expr.BinOp.ADD ? " to " : " from ") + a.describe());
                return null;
            case MUL:
                return multiply(b, a, c, deps);
            case DIV:
                if (!c.isScalar()) {
                    error(b.opSpan(), "cannot divide by " + c.describe() + ": the divisor must be a scalar"
                            + (a.isVector() && c.isSquare() ? " (to solve A y = b write inv(A) * b)" : ""));
                    return null;
                }
                return new Typed(a, deps);
            default:
                if (!c.isScalar()) {
                    error(b.opSpan(), "the exponent must be a scalar, but it is " + c.describe());
                    return null;
                }
                if (a.isMatrix()) {
                    error(b.opSpan(), "cannot raise " + a.describe()
                            + " to a power; write the matrix product (A * A) or apply a function element-wise");
                    return null;
                }
                return new Typed(a, deps);
        }
    }

    /**
     * {@code *}: scaling when either side is a scalar, else the matrix product with vectors as
     * columns. A product with one column whose right factor is a vector is a vector; a 1×1
     * result is a scalar (so {@code v' * A * v} is a scalar).
     */
    private Typed multiply(Expr.Binary b, Shape a, Shape c, int deps) {
        if (a.isScalar()) {
            return new Typed(c, deps);
        }
        if (c.isScalar()) {
            return new Typed(a, deps);
        }
        if (a.isVector() && c.isVector()) {
            error(b.opSpan(), "cannot multiply two vectors with '*': use dot(a, b) for the inner product, "
                    + "a' * b for a scalar or a * b' for the outer product");
            return null;
        }
        if (a.cols() != c.rows()) {
            error(b.opSpan(), "matrix product needs matching inner dimensions, but the left operand is "
                    + a.describe() + " and the right operand is " + c.describe());
            return null;
        }
        int rows = a.rows();
        int cols = c.isVector() ? 1 : c.cols();
        if (tooCostly(b.opSpan(), "this product of " + a.describe() + " and " + c.describe(),
                (long) rows * a.cols() * cols)) {
            return null;
        }
        if (rows == 1 && cols == 1) {
            return new Typed(Shape.SCALAR, deps);
        }
        return new Typed(c.isVector() ? Shape.vector(rows) : Shape.matrix(rows, cols), deps);
    }

    private Typed index(Expr.Index e, Context ctx) {
        Typed t = check(e.target(), ctx);
        if (t == null) {
            return null;
        }
        Shape s = t.shape();
        List<IndexItem> items = e.items();
        if (s.isScalar()) {
            error(e.span(), "cannot index a scalar");
            return null;
        }
        if (s.isVector() && items.size() != 1) {
            error(e.span(), "a vector takes one index, but " + items.size() + " were given");
            return null;
        }
        if (s.isMatrix() && items.size() > 2) {
            error(e.span(), "a matrix takes one or two indices, but " + items.size() + " were given");
            return null;
        }
        String[] axes = s.isVector() ? new String[] {""} : new String[] {"row ", "column "};
        int[] extent = {s.rows(), s.isVector() ? 1 : s.cols()};
        int[] kept = new int[2];
        boolean[] sliced = new boolean[2];
        for (int k = 0; k < items.size(); k++) {
            int n = extent[k];
            IndexItem item = items.get(k);
            if (item instanceof IndexItem.At at) {
                int i = constants.nonNegativeInt(at.index(), "an index");
                if (i < 0) {
                    return null;
                }
                if (i >= n) {
                    error(at.span(), axes[k] + "index " + i + " is out of bounds for " + s.describe()
                            + " (indices start at 0)");
                    return null;
                }
            } else {
                IndexItem.Slice sl = (IndexItem.Slice) item;
                int lo = sl.lo() == null ? 0 : constants.nonNegativeInt(sl.lo(), "a slice bound");
                int hi = sl.hi() == null ? n : constants.nonNegativeInt(sl.hi(), "a slice bound");
                if (lo < 0 || hi < 0) {
                    return null;
                }
                if (hi > n) {
                    error(sl.span(), axes[k] + "slice " + lo + ":" + hi + " is out of bounds for " + s.describe());
                    return null;
                }
                if (lo >= hi) {
                    error(sl.span(), axes[k] + "slice " + lo + ":" + hi + " is empty");
                    return null;
                }
                sliced[k] = true;
                kept[k] = hi - lo;
            }
        }
        List<Typed.Element> variable = t.isVariable() ? selected(t.variable(), s, e) : null;
        if (s.isVector()) {
            return new Typed(sliced[0] ? Shape.vector(kept[0]) : Shape.SCALAR, t.deps(), variable);
        }
        if (items.size() == 1) {
            return new Typed(sliced[0] ? Shape.matrix(kept[0], s.cols()) : Shape.vector(s.cols()), t.deps(), variable);
        }
        Shape out = sliced[0] && sliced[1] ? Shape.matrix(kept[0], kept[1])
                : sliced[0] ? Shape.vector(kept[0]) : sliced[1] ? Shape.vector(kept[1]) : Shape.SCALAR;
        return new Typed(out, t.deps(), variable);
    }

    /** The elements of variable {@code all} (of shape {@code s}) that the checked indexing {@code e} selects, row-major. */
    private List<Typed.Element> selected(List<Typed.Element> all, Shape s, Expr.Index e) {
        int[] extent = {s.rows(), s.isVector() ? 1 : s.cols()};
        int[][] ranges = {{0, extent[0]}, {0, extent[1]}};
        for (int k = 0; k < e.items().size(); k++) {
            IndexItem item = e.items().get(k);
            if (item instanceof IndexItem.At at) {
                int i = constants.nonNegativeInt(at.index(), "an index");
                ranges[k] = new int[] {i, i + 1};
            } else {
                IndexItem.Slice sl = (IndexItem.Slice) item;
                ranges[k] = new int[] {sl.lo() == null ? 0 : constants.nonNegativeInt(sl.lo(), "a slice bound"),
                    sl.hi() == null ? extent[k] : constants.nonNegativeInt(sl.hi(), "a slice bound")};
            }
        }
        List<Typed.Element> out = new ArrayList<>();
        for (int r = ranges[0][0]; r < ranges[0][1]; r++) {
            for (int c = ranges[1][0]; c < ranges[1][1]; c++) {
                out.add(all.get(r * extent[1] + c));
            }
        }
        return List.copyOf(out);
    }

    private Typed list(Expr.ListLit l, Context ctx) {
        List<Expr> elements = l.elements();
        Typed[] items = new Typed[elements.size()];
        int deps = 0;
        boolean failed = false;
        for (int i = 0; i < items.length; i++) {
            items[i] = check(elements.get(i), ctx);
            if (items[i] == null) {
                failed = true;
            } else {
                deps |= items[i].deps();
            }
        }
        if (failed) {
            return null;
        }
        Shape first = items[0].shape();
        for (int i = 0; i < items.length; i++) {
            Shape s = items[i].shape();
            if (s.isMatrix()) {
                error(elements.get(i).span(), "a list cannot hold a matrix (element " + (i + 1) + " is "
                        + s.describe() + ")");
                return null;
            }
            if (!s.equals(first)) {
                error(elements.get(i).span(), "element " + (i + 1) + " of this list is " + s.describe()
                        + ", but element 1 is " + first.describe()
                        + "; a list holds scalars (a vector) or vectors of one length (the rows of a matrix)");
                return null;
            }
        }
        List<Typed.Element> variable = new ArrayList<>();
        for (Typed item : items) {
            if (!item.isVariable()) {
                variable = null;
                break;
            }
            variable.addAll(item.variable());
        }
        return new Typed(first.isScalar() ? Shape.vector(items.length) : Shape.matrix(items.length, first.rows()),
                deps, variable == null ? null : List.copyOf(variable));
    }

    private Typed call(Expr.Call c, Context ctx) {
        Binding.Def def = calls.get(c);
        if (def != null) {
            return callDef(c, def, ctx);
        }
        Builtins.Function f = Builtins.function(c.callee().text());
        if (f == null) {
            return null;
        }
        if (c.args().size() != f.arity()) {
            error(c.span(), "'" + f.name() + "' takes " + plural(f.arity(), "argument") + ", but "
                    + c.args().size() + (c.args().size() == 1 ? " was" : " were") + " given");
            return null;
        }
        return BuiltinShapes.apply(this, f, c, ctx);
    }

    private Typed callDef(Expr.Call c, Binding.Def def, Context ctx) {
        List<Formal> formals = def.decl().formals();
        if (c.args().size() != formals.size()) {
            error(c.span(), "'" + def.name().text() + "' takes " + plural(formals.size(), "argument") + ", but "
                    + c.args().size() + (c.args().size() == 1 ? " was" : " were") + " given");
            return null;
        }
        Map<Binding, Typed> args = new HashMap<>();
        List<Object> key = new ArrayList<>();
        key.add(def);
        boolean failed = false;
        for (int i = 0; i < formals.size(); i++) {
            Typed a = check(c.args().get(i), ctx);
            Binding formal = formalBindings.get(formals.get(i));
            if (a == null || formal == null) {
                failed = true;
                continue;
            }
            Shape declared = argumentShapes.get(formal);
            if (declared != null && !declared.equals(a.shape())) {
                error(c.args().get(i).span(), "argument " + (i + 1) + " of '" + def.name().text() + "' must be "
                        + declared.describe() + ", but it is " + a.shape().describe());
                failed = true;
                continue;
            }
            args.put(formal, a);
            key.add(a);
        }
        if (failed || cyclicDefs.contains(def)) {
            return null;
        }
        if (instances.containsKey(key)) {
            return instances.get(key);
        }
        callStack.push(c.span());
        Typed result = check(def.decl().body(), ctx.withArguments(args));
        callStack.pop();
        instances.put(key, result);
        return result;
    }

    void reportAt(SourceSpan span, String message) {
        error(span, message);
    }

    ConstEval constants() {
        return constants;
    }

    Binding bindingOf(Expr.Name n) {
        return names.get(n);
    }

    static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
