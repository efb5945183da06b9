package geo.compiler.derive;

import geo.compiler.ad.ForwardMode;
import geo.compiler.ad.Higher;
import geo.compiler.ad.ReverseMode;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Symbol;
import geo.compiler.lower.LoweredLoss;
import geo.compiler.lower.LoweredModel;
import geo.compiler.lower.Lowering;
import java.util.HashMap;
import java.util.Map;

/**
 * The derivative kernels the solvers and learning loops call, as IR. x, v, t and θ are the
 * model's own symbols. Extra inputs (tangents, cotangents, an acceleration held fixed) are INPUT
 * symbols, each role in its own range of slots so that all kernels of a model share one factory
 * (a slot has one name per factory): dx at 0..d−1, dv at d..2d−1, ā at 2d..3d−1, a at
 * 3d..4d−1, λ at 4d..5d−1. Code generation maps each role to its own argument array.
 */
public final class Kernels {

    private final NodeFactory f;
    private final LoweredModel model;
    private final int d;
    private final Symbol[] xs;
    private final Symbol[] vs;
    private final Symbol[] thetas;

    public Kernels(NodeFactory f, LoweredModel model) {
        this.f = f;
        this.model = model;
        this.d = model.dimension();
        this.xs = Symbols.coordinates(model);
        this.vs = Symbols.velocities(model);
        this.thetas = Symbols.params(model.params());
    }

    /** The tangent (dx, dv): INPUT slots 0..d−1 hold dx, d..2d−1 hold dv. */
    public Symbol[] tangentSymbols() {
        return Symbols.concat(Symbols.inputs("dx", 0, d), Symbols.inputs("dv", d, d));
    }

    /** The cotangent ā of the acceleration: INPUT slots 2d..3d−1. */
    public Symbol[] cotangentSymbols() {
        return Symbols.inputs("abar", 2 * d, d);
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

    /** The acceleration a held fixed in the implicit kernels: INPUT slots 3d..4d−1. */
    public Symbol[] accelerationSymbols() {
        return Symbols.inputs("a", 3 * d, d);
    }

    /** The adjoint λ of the implicit VJP: INPUT slots 4d..5d−1. */
    public Symbol[] adjointSymbols() {
        return Symbols.inputs("lambda", 4 * d, d);
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
        return ReverseMode.gradient(f, loss.value(), lossSymbols(loss));
    }

    /**
     * The Hessian–vector product of a loss in (inputs, θ), direction w in INPUT slots
     * n..2n+P−1 (after the loss's own n input slots).
     */
    public static Node[] lossHvp(NodeFactory f, LoweredLoss loss) {
        Symbol[] wrt = lossSymbols(loss);
        Node[] w = Symbols.nodes(f, Symbols.inputs("w", loss.inputCount(), wrt.length));
        return Higher.hvp(f, loss.value(), wrt, w);
    }

    /** The loss's input symbols then θ, as lowered. */
    public static Symbol[] lossSymbols(LoweredLoss loss) {
        Symbol[] in = new Symbol[loss.inputCount()];
        for (LoweredLoss.Input input : loss.inputs()) {
            for (int k = 0; k < input.shape().size(); k++) {
                in[input.offset() + k] = Symbol.input(Lowering.elementName(input.name(), input.shape(), k),
                        input.offset() + k);
            }
        }
        return Symbols.concat(in, Symbols.params(loss.params()));
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
