package geo.compiler.derive;

import geo.compiler.ad.ForwardMode;
import geo.compiler.ad.Higher;
import geo.compiler.ad.ReverseMode;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Symbol;
import geo.compiler.lower.LoweredFunction;
import geo.compiler.lower.LoweredLoss;
import geo.compiler.lower.LoweredModel;
import geo.compiler.lower.Lowering;
import geo.compiler.lower.ParamLayout;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The derivative kernels the solvers and learning loops call, as IR. x, v, t and θ are the
 * model's own symbols. Extra inputs (tangents, cotangents, an acceleration held fixed) are INPUT
 * symbols laid out by {@link InputRole}, each role in its own range of slots; code generation
 * binds each role to its own argument array.
 */
public final class Kernels {

    private final NodeFactory f;
    private final LoweredModel model;
    private final int d;
    private final Symbol[] xs;
    private final Symbol[] vs;
    private final Symbol[] thetas;
    private final InputRole.Layout layout;

    public Kernels(NodeFactory f, LoweredModel model) {
        this.f = f;
        this.model = model;
        this.d = model.dimension();
        this.xs = Symbols.coordinates(model);
        this.vs = Symbols.velocities(model);
        this.thetas = Symbols.params(model.params());
        this.layout = layout(model);
    }

    /** The input layout of a model's kernels, with no residuals. */
    public static InputRole.Layout layout(LoweredModel model) {
        return new InputRole.Layout(model.dimension(), model.params().size(), 0);
    }

    /** The tangent (dx, dv): roles {@link InputRole#DX} then {@link InputRole#DV}. */
    public Symbol[] tangentSymbols() {
        return Symbols.concat(InputRole.DX.symbols(layout), InputRole.DV.symbols(layout));
    }

    /** The cotangent ā of the acceleration: role {@link InputRole#A_BAR}. */
    public Symbol[] cotangentSymbols() {
        return InputRole.A_BAR.symbols(layout);
    }

    /**
     * The JVP of an explicit acceleration: da = ∂a/∂x · dx + ∂a/∂v · dv (the variational
     * equations), tangent in {@link #tangentSymbols()}.
     */
    public Node[] accelerationJvp(Spray s) {
        requireExplicit(s);
        return ForwardMode.jvp(f, s.acceleration(), direction(tangentSymbols()));
    }

    /**
     * The VJP of an explicit acceleration: (x̄, v̄, θ̄) = āᵀ ∂a/∂(x, v, θ), as one array
     * [x̄ (d), v̄ (d), θ̄ (P)], cotangent in {@link #cotangentSymbols()}.
     */
    public Node[] accelerationVjp(Spray s) {
        requireExplicit(s);
        return ReverseMode.vjp(f, s.acceleration(), Symbols.nodes(f, cotangentSymbols()),
                Symbols.concat(xs, vs, thetas));
    }

    /** The acceleration a held fixed in the implicit kernels: role {@link InputRole#A}. */
    public Symbol[] accelerationSymbols() {
        return InputRole.A.symbols(layout);
    }

    /** The adjoint λ of the implicit VJP: role {@link InputRole#LAMBDA}. */
    public Symbol[] adjointSymbols() {
        return InputRole.LAMBDA.symbols(layout);
    }

    /**
     * For an implicit system M a = r (d above the symbolic-inverse limit): the JVP of the residual
     * r − M a with a ({@link #accelerationSymbols()}) held fixed, tangent in
     * {@link #tangentSymbols()}; the runtime then solves M da = (this).
     */
    public Node[] implicitJvp(Spray s) {
        return ForwardMode.jvp(f, residual(s), direction(tangentSymbols()));
    }

    /**
     * {@link #implicitJvp} split at its residuals ({@link ResidualSplit}): the primal values the
     * tangent part reads — the network, g and their derivatives at the point — computed once, and
     * the tangent part reading them from role {@link InputRole#RESIDUAL}. The runtime computes the
     * residuals once per stage and the tangent part for each of the d directions of a Jacobian
     * (vector-mode forward differentiation), the same operations as {@link #implicitJvp} per direction.
     */
    public ResidualSplit implicitJvpSplit(Spray s) {
        return ResidualSplit.of(f, implicitJvp(s), Set.of(tangentSymbols()),
                count -> InputRole.RESIDUAL.symbols(layout.withResiduals(count)), true);
    }

    /**
     * For an implicit system M a = r: λᵀ ∂(r − M a)/∂(x, v, θ) with a held fixed, where the
     * runtime first solves Mᵀ λ = ā; λ in {@link #adjointSymbols()}. Result as
     * [x̄ (d), v̄ (d), θ̄ (P)].
     */
    public Node[] implicitVjp(Spray s) {
        return ReverseMode.vjp(f, residual(s), Symbols.nodes(f, adjointSymbols()), Symbols.concat(xs, vs, thetas));
    }

    private Node[] residual(Spray s) {
        Node[] a = Symbols.nodes(f, accelerationSymbols());
        Node[] out = new Node[d];
        Node[] terms = new Node[d + 1];
        for (int i = 0; i < d; i++) {
            terms[0] = s.rhs()[i];
            for (int j = 0; j < d; j++) {
                terms[j + 1] = f.neg(f.mul(s.matrix().at(i, j), a[j]));
            }
            out[i] = f.add(terms);
        }
        return out;
    }

    /** ∇L in (x, v, θ) as [∂L/∂x (d), ∂L/∂v (d), ∂L/∂θ (P)]: for spline path optimisation. */
    public Node[] lagrangianGradient(Node lagrangian) {
        return ReverseMode.gradient(f, lagrangian, Symbols.concat(xs, vs, thetas));
    }

    /** ∇ of a loss in (inputs, θ) as [∂/∂inputs (n), ∂/∂θ (P)]. */
    public static Node[] lossGradient(NodeFactory f, LoweredLoss loss) {
        return ReverseMode.sharedGradient(f, loss.value(), lossSymbols(loss));
    }

    /**
     * The Hessian–vector product H·w of a loss in (inputs, θ), as [inputs' part (n), θ's (P)],
     * with w = (w_in, w_θ) read from roles {@link LossInputRole#W_INPUT} and
     * {@link LossInputRole#W_THETA}.
     */
    public static Node[] lossHvp(NodeFactory f, LoweredLoss loss) {
        LossInputRole.Layout l = lossLayout(loss);
        Symbol[] w = Symbols.concat(LossInputRole.W_INPUT.symbols(l), LossInputRole.W_THETA.symbols(l));
        return Higher.hvp(f, loss.value(), lossSymbols(loss), Symbols.nodes(f, w), true);
    }

    /** The INPUT-slot layout of a loss's kernels ({@link LossInputRole}). */
    public static LossInputRole.Layout lossLayout(LoweredLoss loss) {
        return new LossInputRole.Layout(loss.inputCount(), loss.params().size());
    }

    /**
     * The loss's input symbols (role {@link LossInputRole#INPUT}, named after its arguments as
     * lowered) then θ.
     */
    public static Symbol[] lossSymbols(LoweredLoss loss) {
        return inputSymbols(loss.inputs(), loss.inputCount(), LossInputRole.INPUT.offset(lossLayout(loss)),
                loss.params());
    }

    /** The INPUT-slot layout of a fn's kernels ({@link FunctionInputRole}). */
    public static FunctionInputRole.Layout functionLayout(LoweredFunction fn) {
        return new FunctionInputRole.Layout(fn.inputCount(), fn.params().size(), fn.value().size());
    }

    /** The fn's input symbols (role {@link FunctionInputRole#INPUT}, named as lowered) then θ. */
    public static Symbol[] functionSymbols(LoweredFunction fn) {
        return inputSymbols(fn.inputs(), fn.inputCount(), FunctionInputRole.INPUT.offset(functionLayout(fn)),
                fn.params());
    }

    /**
     * The JVP of a fn: dy = ∂f/∂in · dIn + ∂f/∂θ · dθ (forward mode, {@link ForwardMode#jvp}),
     * m values, with the tangent read from roles {@link FunctionInputRole#D_INPUT} and
     * {@link FunctionInputRole#D_THETA}.
     */
    public static Node[] functionJvp(NodeFactory f, LoweredFunction fn) {
        FunctionInputRole.Layout l = functionLayout(fn);
        Symbol[] wrt = functionSymbols(fn);
        Symbol[] tangent = Symbols.concat(FunctionInputRole.D_INPUT.symbols(l), FunctionInputRole.D_THETA.symbols(l));
        Map<Symbol, Node> dir = new HashMap<>();
        for (int k = 0; k < wrt.length; k++) {
            dir.put(wrt[k], f.symbol(tangent[k]));
        }
        return ForwardMode.jvp(f, fn.outputs(), dir);
    }

    /**
     * The VJP of a fn: (īn, θ̄) = ȳᵀ ∂f/∂(in, θ) (reverse mode, {@link ReverseMode#vjp}), as one
     * array [īn (n), θ̄ (P)], with ȳ read from role {@link FunctionInputRole#OUT_BAR}.
     */
    public static Node[] functionVjp(NodeFactory f, LoweredFunction fn) {
        Symbol[] outBar = FunctionInputRole.OUT_BAR.symbols(functionLayout(fn));
        return ReverseMode.vjp(f, fn.outputs(), Symbols.nodes(f, outBar), functionSymbols(fn));
    }

    /** INPUT symbols for the given inputs, their slots from {@code first}, named after their elements; then θ. */
    private static Symbol[] inputSymbols(List<LoweredLoss.Input> inputs, int count, int first, ParamLayout params) {
        Symbol[] in = new Symbol[count];
        for (LoweredLoss.Input input : inputs) {
            for (int k = 0; k < input.shape().size(); k++) {
                in[input.offset() + k] = Symbol.input(Lowering.elementName(input.name(), input.shape(), k),
                        first + input.offset() + k);
            }
        }
        return Symbols.concat(in, Symbols.params(params));
    }

    private Map<Symbol, Node> direction(Symbol[] tangent) {
        Map<Symbol, Node> dir = new HashMap<>();
        for (int k = 0; k < d; k++) {
            dir.put(xs[k], f.symbol(tangent[k]));
            dir.put(vs[k], f.symbol(tangent[d + k]));
        }
        return dir;
    }

    private void requireExplicit(Spray s) {
        if (!s.explicit()) {
            throw new IllegalArgumentException("manifold " + model.name() + " has d = " + d
                    + ": its acceleration is implicit; use implicitJvp / implicitVjp");
        }
    }
}
