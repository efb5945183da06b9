package geo.compiler.lower;

import geo.compiler.ast.Decl;
import geo.compiler.ast.DeepStack;
import geo.compiler.ast.Expr;
import geo.compiler.ast.Formal;
import geo.compiler.ast.IndexItem;
import geo.compiler.ast.Member;
import geo.compiler.check.Binding;
import geo.compiler.check.CheckedProgram;
import geo.runtime.api.ParameterInit;
import geo.compiler.check.Shape;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Symbol;
import geo.runtime.api.ModelDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Lowers checked expressions to tensors of scalar IR nodes. One instance lowers one model, one
 * loss or one fn into one {@link NodeFactory} (symbol names must be consistent within a factory);
 * lets and the metric are lowered once and shared, defs (and fns called from an expression) are
 * expanded at each call with their arguments
 * bound. The shape rules are the checker's ({@code geo.compiler.check.ShapeChecker}); a program
 * that passed the checks lowers without errors.
 *
 * <p>The lowering recurses over the AST, so its depth follows the source: bracket nesting,
 * operator chains, and chains of lets and defs. Both entry points therefore run on a
 * {@link DeepStack} thread, as parsing and checking do; the checks already lowered every
 * manifold there (the sanity checks), so any model that passed them lowers here too. Everything
 * after lowering works on the IR DAG with iterative traversals.
 */
public final class Lowering {

    private final CheckedProgram program;
    private final NodeFactory f;
    private final CheckedProgram.Model model;
    private final ParamLayout layout;
    private final Map<Binding.Param, ParamLayout.Entry> paramEntries = new HashMap<>();
    /** Lowered lets and metrics, by declaration: each is lowered once. */
    private final Map<Object, Tensor> memo = new IdentityHashMap<>();
    /** The tensors of a loss's inputs, by the binding of its formal. */
    private final Map<Binding, Tensor> inputs = new HashMap<>();
    /** The binding of every def and loss formal that the program uses. */
    private final Map<Formal, Binding> formalBindings = new IdentityHashMap<>();
    private final TensorOps ops;
    private final List<Symbol> coordinates = new ArrayList<>();
    private final List<Symbol> velocities = new ArrayList<>();
    private Symbol time = Symbol.time();

    private Lowering(CheckedProgram program, NodeFactory f, CheckedProgram.Model model, List<Binding.Param> params) {
        this.program = program;
        this.f = f;
        this.model = model;
        this.ops = new TensorOps(f);
        List<Decl.Param> decls = new ArrayList<>();
        List<Shape> shapes = new ArrayList<>();
        List<ParameterInit> inits = new ArrayList<>();
        for (Binding.Param p : params) {
            decls.add(p.decl());
            shapes.add(declaredShape(p.decl().shape()));
            inits.add(program.initialisers().get(p.decl()));
        }
        this.layout = ParamLayout.of(decls, shapes, inits);
        for (int i = 0; i < params.size(); i++) {
            paramEntries.put(params.get(i), layout.entries().get(i));
        }
        for (Binding b : program.names().values()) {
            if (b instanceof Binding.Argument a) {
                formalBindings.put(a.decl(), a);
            }
        }
        if (model != null) {
            symbols(model);
        }
    }

    /** The coordinate, velocity and time symbols, named as the source names them. */
    private void symbols(CheckedProgram.Model m) {
        Member.Coords c = m.coords();
        Member.Lagrangian lag = m.lagrangian();
        String v = lag == null ? "v" : lag.velocity().text();
        for (int i = 0; i < m.dimension(); i++) {
            String name = c.isVector() ? c.names().get(0).text() + "[" + i + "]" : c.names().get(i).text();
            coordinates.add(Symbol.coord(name, i));
            velocities.add(Symbol.velocity(v + "[" + i + "]", i));
        }
        if (lag != null && lag.time() != null) {
            time = new Symbol(Symbol.Kind.TIME, 0, lag.time().text());
        }
    }

    /** Lowers a manifold: its metric and Lagrangian (whichever exist) and its lets. */
    public static LoweredModel lowerModel(CheckedProgram program, CheckedProgram.Model model, NodeFactory f) {
        // Anonymous classes, not lambdas, here and below: geo check lowers every manifold, and no
        // lambda is linked on its path (each costs start-up time; issue 23).
        return DeepStack.run(new Supplier<LoweredModel>() {
            @Override
            public LoweredModel get() {
                return lowerModelHere(program, model, f);
            }
        });
    }

    private static LoweredModel lowerModelHere(CheckedProgram program, CheckedProgram.Model model, NodeFactory f) {
        Lowering l = new Lowering(program, f, model, model.params());
        Tensor metric = model.metric() == null ? null : l.definition(model.metric(), model.metric().value());
        Node lagrangian = null;
        Member.Lagrangian lag = model.lagrangian();
        if (lag != null) {
            lagrangian = l.lower(lag.value(), Map.of()).scalar();
        }
        Map<String, Tensor> lets = new LinkedHashMap<>();
        for (Member member : model.decl().members()) {
            if (member instanceof Decl.Let let) {
                lets.put(let.name().text(), l.definition(let, let.value()));
            }
        }
        return new LoweredModel(model.name(), model.dimension(), l.coordinates, l.velocities, l.time, l.layout,
                metric, lagrangian, lets);
    }

    /**
     * Lowers a loss. Its inputs become {@link Symbol.Kind#INPUT} symbols, one slot per scalar,
     * the arguments one after another in declaration order (each row-major).
     */
    public static LoweredLoss lowerLoss(CheckedProgram program, CheckedProgram.Loss loss, NodeFactory f) {
        return DeepStack.run(new Supplier<LoweredLoss>() {
            @Override
            public LoweredLoss get() {
                return lowerLossHere(program, loss, f);
            }
        });
    }

    private static LoweredLoss lowerLossHere(CheckedProgram program, CheckedProgram.Loss loss, NodeFactory f) {
        Lowering l = new Lowering(program, f, loss.model(), loss.params());
        List<LoweredLoss.Input> ins = l.bindInputs(loss.decl().formals());
        Node value = l.lower(loss.decl().body(), Map.of()).scalar();
        return new LoweredLoss(loss.name(), ins, inputCount(ins), l.layout, value);
    }

    /**
     * Lowers a fn: its arguments become INPUT symbols laid out exactly as a loss's (one slot per
     * scalar, in declaration order, each row-major), its value a tensor of any shape.
     */
    public static LoweredFunction lowerFunction(CheckedProgram program, CheckedProgram.Function fn, NodeFactory f) {
        return DeepStack.run(new Supplier<LoweredFunction>() {
            @Override
            public LoweredFunction get() {
                Lowering l = new Lowering(program, f, fn.model(), fn.params());
                List<LoweredLoss.Input> ins = l.bindInputs(fn.decl().formals());
                Tensor value = l.lower(fn.decl().body(), Map.of());
                return new LoweredFunction(fn.name(), ins, inputCount(ins), l.layout, value);
            }
        });
    }

    /**
     * Binds the formals of a loss or fn to INPUT symbols: slots 0..n−1, the arguments one after
     * another in declaration order (each row-major), named after their elements. A formal
     * declared {@code ~ normal} or {@code ~ uniform} is an input drawn by the runtime, its source
     * {@code NORMAL} or {@code UNIFORM}; any other reads the data.
     */
    private List<LoweredLoss.Input> bindInputs(List<Formal> formals) {
        List<LoweredLoss.Input> ins = new ArrayList<>();
        int slot = 0;
        for (Formal formal : formals) {
            Shape s = declaredShape(formal.shape());
            Node[] el = new Node[s.size()];
            for (int k = 0; k < el.length; k++) {
                el[k] = f.symbol(Symbol.input(elementName(formal.name().text(), s, k), slot + k));
            }
            Binding b = formalBindings.get(formal);
            if (b != null) {
                inputs.put(b, new Tensor(s, el));
            }
            ins.add(new LoweredLoss.Input(formal.name().text(), s, slot, source(formal)));
            slot += s.size();
        }
        return ins;
    }

    private static ModelDescriptor.Input.Source source(Formal formal) {
        if (formal.noise() == null) {
            return ModelDescriptor.Input.Source.DATA;
        }
        return switch (formal.noise().text()) {
            case "normal" -> ModelDescriptor.Input.Source.NORMAL;
            case "uniform" -> ModelDescriptor.Input.Source.UNIFORM;
            default -> throw new IllegalStateException("the checker admits no noise '" + formal.noise().text() + "'");
        };
    }

    private static int inputCount(List<LoweredLoss.Input> ins) {
        int n = 0;
        for (LoweredLoss.Input in : ins) {
            n += in.shape().size();
        }
        return n;
    }

    private Node[] symbols(List<Symbol> list) {
        Node[] out = new Node[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.symbol(list.get(i));
        }
        return out;
    }

    static Shape declaredShape(List<Expr.Num> dims) {
        switch (dims.size()) {
            case 0: return Shape.SCALAR;
            case 1: return Shape.vector((int) dims.get(0).value());
            default: return Shape.matrix((int) dims.get(0).value(), (int) dims.get(1).value());
        }
    }

    /** How element k of a tensor called {@code name} prints: {@code M}, {@code b[3]}, {@code W[2,1]}. */
    public static String elementName(String name, Shape s, int k) {
        if (s.isScalar()) {
            return name;
        }
        return s.isVector() ? name + "[" + k + "]" : name + "[" + (k / s.cols()) + "," + (k % s.cols()) + "]";
    }

    /** The tensor of a let or metric declaration {@code decl}, lowered once. */
    private Tensor definition(Object decl, Expr body) {
        Tensor t = memo.get(decl);
        if (t == null) {
            t = lower(body, Map.of());
            memo.put(decl, t);
        }
        return t;
    }

    /** The tensor of {@code e}, with the arguments of the def being expanded bound in {@code env}. */
    Tensor lower(Expr e, Map<Binding, Tensor> env) {
        if (e instanceof Expr.Num n) {
            return Tensor.scalar(f.constant(n.value()));
        }
        if (e instanceof Expr.Name n) {
            return name(program.names().get(n), env);
        }
        if (e instanceof Expr.Call c) {
            return call(c, env);
        }
        if (e instanceof Expr.Neg n) {
            return ops.negate(lower(n.operand(), env));
        }
        if (e instanceof Expr.Binary b) {
            return ops.binary(b.op(), lower(b.left(), env), lower(b.right(), env));
        }
        if (e instanceof Expr.Transpose t) {
            return ops.transpose(lower(t.operand(), env));
        }
        if (e instanceof Expr.Index i) {
            return index(i, env);
        }
        List<Tensor> items = new ArrayList<>();
        for (Expr x : ((Expr.ListLit) e).elements()) {
            items.add(lower(x, env));
        }
        return ops.list(items);
    }

    private Tensor name(Binding b, Map<Binding, Tensor> env) {
        if (b instanceof Binding.CoordVector) {
            return Tensor.vector(symbols(coordinates));
        }
        if (b instanceof Binding.CoordScalar c) {
            return Tensor.scalar(f.symbol(coordinates.get(c.index())));
        }
        if (b instanceof Binding.Velocity) {
            return Tensor.vector(symbols(velocities));
        }
        if (b instanceof Binding.Time) {
            return Tensor.scalar(f.symbol(time));
        }
        if (b instanceof Binding.Constant c) {
            return Tensor.scalar(f.constant(c.value()));
        }
        if (b instanceof Binding.Param p) {
            ParamLayout.Entry entry = paramEntries.get(p);
            Node[] el = new Node[entry.shape().size()];
            for (int k = 0; k < el.length; k++) {
                el[k] = f.symbol(Symbol.param(entry.elementName(k), entry.offset() + k));
            }
            return new Tensor(entry.shape(), el);
        }
        if (b instanceof Binding.Let l) {
            return definition(l.decl(), l.decl().value());
        }
        if (b instanceof Binding.Metric g) {
            return definition(g.decl(), g.decl().value());
        }
        Tensor arg = env.get(b);
        if (arg == null) {
            arg = inputs.get(b);
        }
        if (arg == null) {
            throw new IllegalStateException("unbound name " + b.name().text() + " at " + b.declared());
        }
        return arg;
    }

    private Tensor call(Expr.Call c, Map<Binding, Tensor> env) {
        Binding.Def def = program.calls().get(c);
        if (def != null) {
            Map<Binding, Tensor> args = new HashMap<>();
            List<Formal> formals = def.decl().formals();
            for (int i = 0; i < formals.size(); i++) {
                Binding formal = formalBindings.get(formals.get(i));
                Tensor value = lower(c.args().get(i), env);
                if (formal != null) {
                    args.put(formal, value);
                }
            }
            return lower(def.decl().body(), args);
        }
        String name = c.callee().text();
        if (name.equals("eye")) {
            return ops.eye((int) ((Expr.Num) c.args().get(0)).value());
        }
        if (name.equals("grad") || name.equals("jacobian") || name.equals("pullback")) {
            Tensor e = lower(c.args().get(0), env);
            Tensor x = lower(c.args().get(1), env);
            return switch (name) {
                case "grad" -> ops.grad(e, x);
                case "jacobian" -> ops.jacobian(e, x);
                default -> ops.pullback(e, x);
            };
        }
        List<Tensor> args = new ArrayList<>();
        for (Expr a : c.args()) {
            args.add(lower(a, env));
        }
        return ops.builtin(name, args);
    }

    private Tensor index(Expr.Index e, Map<Binding, Tensor> env) {
        Tensor t = lower(e.target(), env);
        List<IndexItem> items = e.items();
        int[][] ranges = new int[items.size()][];
        boolean[] sliced = new boolean[items.size()];
        int[] extent = {t.shape().rows(), t.shape().isVector() ? 1 : t.shape().cols()};
        for (int k = 0; k < items.size(); k++) {
            IndexItem item = items.get(k);
            if (item instanceof IndexItem.At at) {
                int i = constantInt(at.index());
                ranges[k] = new int[] {i, i + 1};
            } else {
                IndexItem.Slice s = (IndexItem.Slice) item;
                ranges[k] = new int[] {s.lo() == null ? 0 : constantInt(s.lo()),
                    s.hi() == null ? extent[k] : constantInt(s.hi())};
                sliced[k] = true;
            }
        }
        return ops.index(t, ranges, sliced);
    }

    /** Indices passed the checker as non-negative integer constants; evaluate them the same way. */
    private int constantInt(Expr e) {
        Tensor t = lower(e, Map.of());
        return (int) t.scalar().value();
    }
}
