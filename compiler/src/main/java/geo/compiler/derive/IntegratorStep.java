package geo.compiler.derive;

import geo.compiler.ad.ReverseMode;
import geo.compiler.ir.Dag;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
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
 *   X₁ = x,          V₁ = v,          A₁ = a(t, X₁, V₁)
 *   X₂ = x + h/2 V₁, V₂ = v + h/2 A₁, A₂ = a(t + h/2, X₂, V₂)
 *   X₃ = x + h/2 V₂, V₃ = v + h/2 A₂, A₃ = a(t + h/2, X₃, V₃)
 *   X₄ = x + h V₃,   V₄ = v + h A₃,   A₄ = a(t + h, X₄, V₄)
 *   x' = x + h/6 (V₁ + V₄) + h/3 (V₂ + V₃),   v' = v + h/6 (A₁ + A₄) + h/3 (A₂ + A₃)
 * </pre>
 * (the position stages need no acceleration call: the derivative of x is the stage velocity).
 * Each stage is the acceleration's DAG with (t, x, v) substituted, so the whole step is one DAG
 * whose shared subexpressions are computed once and whose stage values never leave JVM locals.
 *
 * <p>The VJP needs forward values of the step; {@link #record} splits it so that the forward
 * pass stores them (the <em>residuals</em>: every forward value an adjoint operation reads) and
 * the reverse pass only reads them, instead of computing the step a second time.
 *
 * <p>Extra inputs continue the INPUT slot layout of {@link Kernels}: the cotangents x̄' of the
 * new position at 5d..6d−1 and v̄' of the new velocity at 6d..7d−1, h at slot 7d and the
 * residuals from slot 7d + 1 on.
 */
public final class IntegratorStep {

    private final NodeFactory f;
    private final int d;
    private final Symbol[] xs;
    private final Symbol[] vs;
    private final Symbol[] thetas;

    public IntegratorStep(NodeFactory f, LoweredModel model) {
        this.f = f;
        this.d = model.dimension();
        this.xs = Symbols.coordinates(model);
        this.vs = Symbols.velocities(model);
        this.thetas = Symbols.params(model.params());
    }

    /** The step size h: INPUT slot 7d. */
    public Symbol stepSize() {
        return Symbol.input("h", 7 * d);
    }

    /** The cotangents (x̄', v̄') of the step's result: INPUT slots 5d..7d−1. */
    public Symbol[] endCotangentSymbols() {
        return Symbols.concat(Symbols.inputs("xEndBar", 5 * d, d), Symbols.inputs("vEndBar", 6 * d, d));
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
        Node half = f.mul(f.constant(0.5), h);
        Node sixth = f.mul(f.constant(1.0 / 6), h);
        Node third = f.mul(f.constant(1.0 / 3), h);
        Node[] x = Symbols.nodes(f, xs);
        Node[] v1 = Symbols.nodes(f, vs);
        Node[] a1 = a;
        Node[] x2 = axpy(x, half, v1);
        Node[] v2 = axpy(v1, half, a1);
        Node[] a2 = at(a, f.add(t, half), x2, v2);
        Node[] x3 = axpy(x, half, v2);
        Node[] v3 = axpy(v1, half, a2);
        Node[] a3 = at(a, f.add(t, half), x3, v3);
        Node[] x4 = axpy(x, h, v3);
        Node[] v4 = axpy(v1, h, a3);
        Node[] a4 = at(a, f.add(t, h), x4, v4);
        Node[] out = new Node[2 * d];
        for (int i = 0; i < d; i++) {
            out[i] = f.add(x[i], f.mul(sixth, f.add(v1[i], v4[i])), f.mul(third, f.add(v2[i], v3[i])));
            out[d + i] = f.add(v1[i], f.mul(sixth, f.add(a1[i], a4[i])), f.mul(third, f.add(a2[i], a3[i])));
        }
        return out;
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
     * @param vjp       [x̄ (d), v̄ (d), θ̄ (P)], reading residual k from INPUT slot 7d + 1 + k
     *                  ({@link #residualSymbols}) instead of computing it
     */
    public record Recorded(Node[] step, Node[] residuals, Node[] vjp) {
    }

    /** The symbols the split VJP reads the residuals from: INPUT slots 7d + 1 + k. */
    public Symbol[] residualSymbols(int count) {
        return Symbols.inputs("r", 7 * d + 1, count);
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
            return k != null ? reads[k] : f.rebuild(n, kids);
        });
        return new Recorded(step, values, split);
    }

    /** z + c·w, elementwise. */
    private Node[] axpy(Node[] z, Node c, Node[] w) {
        Node[] out = new Node[d];
        for (int i = 0; i < d; i++) {
            out[i] = f.add(z[i], f.mul(c, w[i]));
        }
        return out;
    }

    /** The acceleration with t, x and v replaced by the given stage values. */
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
            return f.rebuild(n, kids);
        });
    }
}
