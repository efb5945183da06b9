package geo.compiler.derive;

import geo.compiler.ad.ReverseMode;
import geo.compiler.ir.Dag;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Op;
import geo.compiler.ir.Symbol;
import geo.compiler.lower.LoweredModel;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One step of the classical Runge–Kutta method for x'' = a(t, x, v; θ) as a single expression,
 * and its vector–Jacobian product: the fused kernels the runtime's fixed-step integrator calls
 * instead of four acceleration calls with the stage arithmetic around them. With step size h,
 * <pre>
 *   X₁ = x,              V₁ = v,              A₁ = a(t, X₁, V₁)
 *   X₂ = x + h (½ V₁),   V₂ = v + h (½ A₁),   A₂ = a(t + ½h, X₂, V₂)
 *   X₃ = x + h (½ V₂),   V₃ = v + h (½ A₂),   A₃ = a(t + ½h, X₃, V₃)
 *   X₄ = x + h V₃,       V₄ = v + h A₃,       A₄ = a(t + h, X₄, V₄)
 *   x' = x + h (⅙ V₁ + ⅓ V₂ + ⅓ V₃ + ⅙ V₄),   v' = v + h (⅙ A₁ + ⅓ A₂ + ⅓ A₃ + ⅙ A₄)
 * </pre>
 * (the position stages need no acceleration call: the derivative of x is the stage velocity).
 * Each stage is the acceleration's DAG with (t, x, v) substituted, so the whole step is one DAG
 * whose shared subexpressions are computed once and whose stage values never leave JVM locals.
 *
 * <p>The step performs exactly the operations of the runtime's unfused RK4 step
 * ({@code geo.runtime.ode.AccelerationRungeKutta}), in its order and with its constants ⅙ =
 * {@code 1.0 / 6} and ⅓ = {@code 1.0 / 3}, sums left to right as written above, so the fused and
 * the unfused step give the same bits: the stage arithmetic is built with
 * {@link NodeFactory#ordered} (no flattening or sorting of sums) and the stages substitute into
 * the acceleration with {@link NodeFactory#verbatim}, so each stage evaluates the acceleration
 * with the acceleration kernel's own operations.
 *
 * <p>The VJP needs forward values of the step; {@link #record} splits it so that the forward
 * pass stores them (the <em>residuals</em>: every forward value an adjoint operation reads) and
 * the reverse pass only reads them, instead of computing the step a second time.
 *
 * <p>Extra inputs are the roles {@link InputRole#X_END_BAR}, {@link InputRole#V_END_BAR} (the
 * cotangents of the new position and velocity), {@link InputRole#STEP} (h) and
 * {@link InputRole#RESIDUAL} of the layout that {@link InputRole} defines.
 */
public final class IntegratorStep {

    private final NodeFactory f;
    private final int d;
    private final Symbol[] xs;
    private final Symbol[] vs;
    private final Symbol[] thetas;
    private final InputRole.Layout layout;

    /** ⅙ and ⅓ as the runtime's RK4 has them. */
    private static final double SIXTH = 1.0 / 6;
    private static final double THIRD = 1.0 / 3;

    public IntegratorStep(NodeFactory f, LoweredModel model) {
        this.f = f;
        this.d = model.dimension();
        this.xs = Symbols.coordinates(model);
        this.vs = Symbols.velocities(model);
        this.thetas = Symbols.params(model.params());
        this.layout = Kernels.layout(model);
    }

    /** The step size h: role {@link InputRole#STEP}. */
    public Symbol stepSize() {
        return InputRole.STEP.symbol(layout);
    }

    /** The cotangents (x̄', v̄') of the step's result: roles {@link InputRole#X_END_BAR}, {@link InputRole#V_END_BAR}. */
    public Symbol[] endCotangentSymbols() {
        return Symbols.concat(InputRole.X_END_BAR.symbols(layout), InputRole.V_END_BAR.symbols(layout));
    }

    /**
     * One RK4 step from (t, x, v) of size h ({@link #stepSize()}) for an explicit acceleration.
     *
     * @return [x' (d), v' (d)]
     */
    public Node[] rk4(Spray s) {
        if (!s.explicit()) {
            throw new IllegalArgumentException("a fused step needs an explicit acceleration");
        }
        Node[] a = s.acceleration();
        Node t = f.time();
        Node h = f.symbol(stepSize());
        Node half = f.constant(0.5);
        Node tHalf = f.ordered(Op.ADD, t, f.ordered(Op.MUL, half, h));
        Node[] x = Symbols.nodes(f, xs);
        Node[] v1 = Symbols.nodes(f, vs);
        Node[] a1 = a;
        Node[] x2 = stage(x, h, half, v1);
        Node[] v2 = stage(v1, h, half, a1);
        Node[] a2 = at(a, tHalf, x2, v2);
        Node[] x3 = stage(x, h, half, v2);
        Node[] v3 = stage(v1, h, half, a2);
        Node[] a3 = at(a, tHalf, x3, v3);
        Node[] x4 = stage(x, h, null, v3);
        Node[] v4 = stage(v1, h, null, a3);
        Node[] a4 = at(a, f.ordered(Op.ADD, t, h), x4, v4);
        Node[] out = new Node[2 * d];
        for (int i = 0; i < d; i++) {
            out[i] = combine(x[i], h, v1[i], v2[i], v3[i], v4[i]);
            out[d + i] = combine(v1[i], h, a1[i], a2[i], a3[i], a4[i]);
        }
        return out;
    }

    /** z + h·(c·w) elementwise, or z + h·w when c is null: a stage point as the runtime forms it. */
    private Node[] stage(Node[] z, Node h, Node c, Node[] w) {
        Node[] out = new Node[d];
        for (int i = 0; i < d; i++) {
            Node step = c == null ? f.ordered(Op.MUL, h, w[i]) : f.ordered(Op.MUL, h, f.ordered(Op.MUL, c, w[i]));
            out[i] = f.ordered(Op.ADD, z[i], step);
        }
        return out;
    }

    /** z + h·(⅙ k₁ + ⅓ k₂ + ⅓ k₃ + ⅙ k₄), the sum left to right: the runtime's update. */
    private Node combine(Node z, Node h, Node k1, Node k2, Node k3, Node k4) {
        Node sixth = f.constant(SIXTH);
        Node third = f.constant(THIRD);
        Node sum = f.ordered(Op.ADD, f.ordered(Op.MUL, sixth, k1), f.ordered(Op.MUL, third, k2),
                f.ordered(Op.MUL, third, k3), f.ordered(Op.MUL, sixth, k4));
        return f.ordered(Op.ADD, z, f.ordered(Op.MUL, h, sum));
    }

    /**
     * The VJP of a step ({@link #rk4}): (x̄, v̄, θ̄) = x̄'ᵀ ∂x'/∂(x, v, θ) + v̄'ᵀ ∂v'/∂(x, v, θ) with
     * the cotangents in {@link #endCotangentSymbols()}, as one array [x̄ (d), v̄ (d), θ̄ (P)]. The
     * step size and t are fixed numbers, so this is the exact gradient of the computed step.
     */
    public Node[] vjp(Node[] step) {
        return ReverseMode.vjp(f, step, Symbols.nodes(f, endCotangentSymbols()), Symbols.concat(xs, vs, thetas));
    }

    /**
     * A step with its VJP split at the residuals.
     *
     * @param step      [x' (d), v' (d)], as {@link #rk4}
     * @param residuals the forward values the reverse pass reads, computed by the forward pass
     * @param vjp       [x̄ (d), v̄ (d), θ̄ (P)], reading residual k from element k of role
     *                  {@link InputRole#RESIDUAL} ({@link #residualSymbols}) instead of computing it
     */
    public record Recorded(Node[] step, Node[] residuals, Node[] vjp) {
    }

    /** The symbols the split VJP reads the residuals from: role {@link InputRole#RESIDUAL}. */
    public Symbol[] residualSymbols(int count) {
        return InputRole.RESIDUAL.symbols(layout.withResiduals(count));
    }

    /**
     * Splits the VJP of {@code step} at its residuals: the forward nodes (those not depending on
     * the cotangents) that some adjoint node reads, constants and symbols aside.
     */
    public Recorded record(Node[] step) {
        Node[] vjp = vjp(step);
        Dag dag = Dag.of(vjp);
        Set<Symbol> cotangents = Set.of(endCotangentSymbols());
        boolean[] adjoint = new boolean[dag.size()];
        Map<Node, Integer> residual = new LinkedHashMap<>();
        for (int i = 0; i < dag.size(); i++) {
            Node n = dag.node(i);
            boolean reverse = n.isSymbol() && cotangents.contains(n.symbol());
            for (int j = 0; j < n.arity() && !reverse; j++) {
                reverse = adjoint[dag.indexOf(n.child(j))];
            }
            adjoint[i] = reverse;
            if (reverse) {
                for (int j = 0; j < n.arity(); j++) {
                    Node c = n.child(j);
                    if (!adjoint[dag.indexOf(c)] && !c.isConstant() && !c.isSymbol()) {
                        residual.putIfAbsent(c, residual.size());
                    }
                }
            }
        }
        Node[] values = residual.keySet().toArray(Node[]::new);
        Node[] reads = Symbols.nodes(f, residualSymbols(values.length));
        Node[] split = dag.rebuild((n, kids) -> {
            Integer k = residual.get(n);
            // A node none of whose children changed stays as it is, and a forward node (verbatim,
            // not canonical, and unreachable once its residual ancestors are read) stays verbatim.
            if (k != null) {
                return reads[k];
            }
            return unchanged(n, kids) ? n : adjoint[dag.indexOf(n)] ? f.rebuild(n, kids) : f.verbatim(n, kids);
        });
        return new Recorded(step, values, split);
    }

    private static boolean unchanged(Node n, Node[] kids) {
        for (int j = 0; j < kids.length; j++) {
            if (kids[j] != n.child(j)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The acceleration with t, x and v replaced by the given stage values, its operations kept as
     * they are ({@link NodeFactory#verbatim}): the stage then computes what the acceleration kernel
     * computes at that point, bit for bit.
     */
    private Node[] at(Node[] a, Node t, Node[] x, Node[] v) {
        Map<Symbol, Node> values = new HashMap<>();
        values.put(Symbol.time(), t);
        for (int i = 0; i < d; i++) {
            values.put(xs[i], x[i]);
            values.put(vs[i], v[i]);
        }
        return Dag.of(a).rebuild((n, kids) -> {
            if (n.isSymbol()) {
                Node replaced = values.get(n.symbol());
                return replaced != null ? replaced : n;
            }
            return f.verbatim(n, kids);
        });
    }
}
