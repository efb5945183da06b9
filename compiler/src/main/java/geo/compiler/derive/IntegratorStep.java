package geo.compiler.derive;

import geo.compiler.ir.Dag;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Op;
import geo.compiler.ir.Symbol;
import geo.compiler.lower.LoweredModel;
import geo.runtime.ode.Tableau;
import java.util.Arrays;
import java.util.HashMap;
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
 * <p>The step and its VJP perform exactly the operations of the runtime's unfused RK4 step and
 * of its discrete adjoint ({@code geo.runtime.ode.AccelerationRungeKutta}), in their order and
 * with the coefficients of {@link Tableau#RK4}, sums left to right as written, so the fused and
 * the unfused integrator give the same bits: the arithmetic around the stages is built with
 * {@link NodeFactory#ordered} (no flattening or sorting of sums), and the acceleration and its
 * VJP are substituted at the stage points with {@link NodeFactory#verbatim}, so each stage
 * performs the compiled acceleration kernel's (or VJP kernel's) own operations.
 *
 * <p>The VJP needs forward values of the step; {@link #record} splits it so that the forward
 * pass stores them (the <em>residuals</em>: every forward value an adjoint operation reads) and
 * the reverse pass only reads them, instead of computing the step a second time.
 *
 * <p>Extra inputs are the roles {@link InputRole#X_END_BAR}, {@link InputRole#V_END_BAR} (the
 * cotangents of the new position and velocity), {@link InputRole#STEP} (h),
 * {@link InputRole#THETA_BAR} (the θ̄ the VJP adds to) and {@link InputRole#RESIDUAL} of the
 * layout that {@link InputRole} defines.
 */
public final class IntegratorStep {

    /** The runtime's RK4 coefficients: the step uses exactly these numbers. */
    private static final Tableau RK4 = Tableau.RK4;

    private final NodeFactory f;
    private final int d;
    private final Symbol[] xs;
    private final Symbol[] vs;
    private final InputRole.Layout layout;

    public IntegratorStep(NodeFactory f, LoweredModel model) {
        this.f = f;
        this.d = model.dimension();
        this.xs = Symbols.coordinates(model);
        this.vs = Symbols.velocities(model);
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

    /** The θ̄ a step's VJP adds to: role {@link InputRole#THETA_BAR}. */
    public Symbol[] thetaBarSymbols() {
        return InputRole.THETA_BAR.symbols(layout);
    }

    /**
     * One RK4 step from (t, x, v) of size h ({@link #stepSize()}) for an explicit acceleration.
     *
     * @return [x' (d), v' (d)]
     */
    public Node[] rk4(Spray s) {
        return rk4Stages(s).step();
    }

    /**
     * A step with its stages, at which its VJP ({@link #vjp}) evaluates the acceleration's VJP.
     *
     * @param step [x' (d), v' (d)]
     * @param x    the stage positions Xᵢ (i = 1 … 4), each of length d
     * @param v    the stage velocities Vᵢ
     * @param t    the stage times t, t + ½h, t + ½h, t + h
     */
    public record Stages(Node[] step, Node[][] x, Node[][] v, Node[] t) {
    }

    /** {@link #rk4}, with its stages. */
    public Stages rk4Stages(Spray s) {
        if (!s.explicit()) {
            throw new IllegalArgumentException("a fused step needs an explicit acceleration");
        }
        Node[] a = s.acceleration();
        Node t = f.time();
        Node h = f.symbol(stepSize());
        // The runtime forms the stage times as t + 0.5·h and t + h (c₄ = 1).
        Node tHalf = f.ordered(Op.ADD, t, f.ordered(Op.MUL, f.constant(RK4.c(1)), h));
        Node tEnd = f.ordered(Op.ADD, t, h);
        Node[] x = Symbols.nodes(f, xs);
        Node[] v1 = Symbols.nodes(f, vs);
        Node[] a1 = a;
        Node[] x2 = stage(x, h, RK4.a(1, 0), v1);
        Node[] v2 = stage(v1, h, RK4.a(1, 0), a1);
        Node[] a2 = at(a, stagePoint(tHalf, x2, v2));
        Node[] x3 = stage(x, h, RK4.a(2, 1), v2);
        Node[] v3 = stage(v1, h, RK4.a(2, 1), a2);
        Node[] a3 = at(a, stagePoint(tHalf, x3, v3));
        Node[] x4 = stage(x, h, RK4.a(3, 2), v3);
        Node[] v4 = stage(v1, h, RK4.a(3, 2), a3);
        Node[] a4 = at(a, stagePoint(tEnd, x4, v4));
        Node[] out = new Node[2 * d];
        for (int i = 0; i < d; i++) {
            out[i] = combine(x[i], h, v1[i], v2[i], v3[i], v4[i]);
            out[d + i] = combine(v1[i], h, a1[i], a2[i], a3[i], a4[i]);
        }
        return new Stages(out, new Node[][] {x, x2, x3, x4}, new Node[][] {v1, v2, v3, v4},
                new Node[] {t, tHalf, tHalf, tEnd});
    }

    /**
     * z + h·(c·w) elementwise, or z + h·w when c = 1: a stage point as the runtime's written-out
     * step forms it ({@code x[k] + h * (0.5 * v[k])}, {@code x[k] + h * v3[k]}).
     */
    private Node[] stage(Node[] z, Node h, double c, Node[] w) {
        Node[] out = new Node[d];
        for (int i = 0; i < d; i++) {
            Node step = c == 1 ? f.ordered(Op.MUL, h, w[i])
                    : f.ordered(Op.MUL, h, f.ordered(Op.MUL, f.constant(c), w[i]));
            out[i] = f.ordered(Op.ADD, z[i], step);
        }
        return out;
    }

    /** z + h·(b₁ k₁ + b₂ k₂ + b₃ k₃ + b₄ k₄), the sum left to right: the runtime's update. */
    private Node combine(Node z, Node h, Node k1, Node k2, Node k3, Node k4) {
        Node[] k = {k1, k2, k3, k4};
        Node[] terms = new Node[k.length];
        for (int i = 0; i < k.length; i++) {
            terms[i] = f.ordered(Op.MUL, f.constant(RK4.b(i)), k[i]);
        }
        return f.ordered(Op.ADD, z, f.ordered(Op.MUL, h, f.ordered(Op.ADD, terms)));
    }

    /**
     * The VJP of a step, (x̄, v̄, θ̄) = x̄'ᵀ ∂x'/∂(x, v, θ) + v̄'ᵀ ∂v'/∂(x, v, θ), θ̄ added to θ̄ᵢₙ,
     * with (x̄', v̄') in {@link #endCotangentSymbols()} and θ̄ᵢₙ in {@link #thetaBarSymbols()}, as
     * one array [x̄ (d), v̄ (d), θ̄ (P)]. t and h are fixed numbers, so this is the exact gradient
     * of the computed step. It is computed as the runtime's discrete adjoint of an unfused step
     * computes it ({@code AccelerationRungeKutta.adjoint}), operation for operation:
     * K̄Xᵢ = (h bᵢ) x̄' and K̄Vᵢ = (h bᵢ) v̄'; then for i = 4, …, 1 the acceleration's VJP at stage
     * i with cotangent K̄Vᵢ gives (gx, gv, gθ), V̄ᵢ = gv + K̄Xᵢ, x̄ += gx, v̄ += V̄ᵢ, θ̄ += gθ, and
     * K̄Xⱼ += (h aᵢⱼ) gx, K̄Vⱼ += (h aᵢⱼ) V̄ᵢ for the j with aᵢⱼ ≠ 0. So the fused and the unfused
     * adjoint give the same bits (for h ≠ 0: the runtime skips a term whose h aᵢⱼ is zero).
     *
     * @param step            the step ({@link #rk4Stages})
     * @param accelerationVjp the acceleration's VJP ({@link Kernels#accelerationVjp}, cotangent
     *                        in role {@link InputRole#A_BAR}): the nodes the compiled
     *                        {@code accelerationVjp} kernel computes
     */
    public Node[] vjp(Stages step, Node[] accelerationVjp) {
        Node h = f.symbol(stepSize());
        Symbol[] aBar = InputRole.A_BAR.symbols(layout);
        Node[] xBar = Symbols.nodes(f, InputRole.X_END_BAR.symbols(layout));
        Node[] vBar = Symbols.nodes(f, InputRole.V_END_BAR.symbols(layout));
        Node[] thetaBar = Symbols.nodes(f, thetaBarSymbols());
        int s = RK4.stages();
        Node[][] kx = new Node[s][d];
        Node[][] kv = new Node[s][d];
        for (int i = 0; i < s; i++) {
            Node hb = f.ordered(Op.MUL, f.constant(RK4.b(i)), h);
            for (int m = 0; m < d; m++) {
                kx[i][m] = f.ordered(Op.MUL, hb, xBar[m]);
                kv[i][m] = f.ordered(Op.MUL, hb, vBar[m]);
            }
        }
        int p = thetaBar.length;
        for (int i = s - 1; i >= 0; i--) {
            Map<Symbol, Node> point = stagePoint(step.t()[i], step.x()[i], step.v()[i]);
            for (int m = 0; m < d; m++) {
                point.put(aBar[m], kv[i][m]);
            }
            Node[] g = at(accelerationVjp, point);
            Node[] gv = new Node[d];
            for (int m = 0; m < d; m++) {
                gv[m] = f.ordered(Op.ADD, g[d + m], kx[i][m]);
                xBar[m] = f.ordered(Op.ADD, xBar[m], g[m]);
                vBar[m] = f.ordered(Op.ADD, vBar[m], gv[m]);
            }
            for (int q = 0; q < p; q++) {
                thetaBar[q] = f.ordered(Op.ADD, thetaBar[q], g[2 * d + q]);
            }
            for (int j = 0; j < i; j++) {
                if (RK4.a(i, j) != 0) {
                    Node ha = f.ordered(Op.MUL, f.constant(RK4.a(i, j)), h);
                    for (int m = 0; m < d; m++) {
                        kx[j][m] = f.ordered(Op.ADD, kx[j][m], f.ordered(Op.MUL, ha, g[m]));
                        kv[j][m] = f.ordered(Op.ADD, kv[j][m], f.ordered(Op.MUL, ha, gv[m]));
                    }
                }
            }
        }
        Node[] out = Arrays.copyOf(xBar, 2 * d + p);
        System.arraycopy(vBar, 0, out, d, d);
        System.arraycopy(thetaBar, 0, out, 2 * d, p);
        return out;
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

        /** The trajectory row this step is recorded in: x, v, then its residuals. */
        public Row row() {
            return new Row(step.length / 2, residuals.length);
        }
    }

    /**
     * The layout of a row of a recorded trajectory ({@code StepKernels.rk4StepRecord}): the
     * fields in declaration order, each at the sum of the lengths of the fields before it. The
     * recording kernel writes the residuals into its row and x', v' into the {@link Field#X} and
     * {@link Field#V} of the next; the VJP reads x, v and the residuals from the row.
     *
     * @param d         the dimension
     * @param residuals the number of recorded residuals
     */
    public record Row(int d, int residuals) {

        /** A field of a row, in row order. Adding a field is one constant here and its length below. */
        public enum Field { X, V, RESIDUAL }

        public Row {
            if (d < 0 || residuals < 0) {
                throw new IllegalArgumentException("negative size in " + d + ", " + residuals);
            }
        }

        /** How many slots field {@code f} has. */
        public int length(Field f) {
            return switch (f) {
                case X, V -> d;
                case RESIDUAL -> residuals;
            };
        }

        /** The first slot of field {@code f}: the lengths of the fields before it, summed. */
        public int offset(Field f) {
            int at = 0;
            for (Field g : Field.values()) {
                if (g == f) {
                    return at;
                }
                at += length(g);
            }
            throw new AssertionError(f);
        }

        /** The slot of element {@code k} of field {@code f}. */
        public int slot(Field f, int k) {
            if (k < 0 || k >= length(f)) {
                throw new IndexOutOfBoundsException(f + "[" + k + "] in a row of " + length(f));
            }
            return offset(f) + k;
        }

        /** The row's length: the distance from one recorded step to the next. */
        public int length() {
            int n = 0;
            for (Field f : Field.values()) {
                n += length(f);
            }
            return n;
        }
    }

    /** The symbols the split VJP reads the residuals from: role {@link InputRole#RESIDUAL}. */
    public Symbol[] residualSymbols(int count) {
        return InputRole.RESIDUAL.symbols(layout.withResiduals(count));
    }

    /**
     * Splits the VJP of {@code step} ({@link #vjp}) at its residuals: the forward nodes (those
     * not depending on the cotangents or θ̄ᵢₙ) that some adjoint node reads, constants and
     * symbols aside. Reading a residual instead of computing it changes no operation, so the
     * split VJP gives the bits of the whole one.
     */
    public Recorded record(Stages step, Node[] accelerationVjp) {
        Set<Symbol> cotangents = Set.of(Symbols.concat(endCotangentSymbols(), thetaBarSymbols()));
        ResidualSplit split = ResidualSplit.of(f, vjp(step, accelerationVjp), cotangents, this::residualSymbols,
                false);
        return new Recorded(step.step(), split.residuals(), split.split());
    }

    /** The substitution of a stage point (tᵢ, Xᵢ, Vᵢ) for (t, x, v). */
    private Map<Symbol, Node> stagePoint(Node t, Node[] x, Node[] v) {
        Map<Symbol, Node> values = new HashMap<>();
        values.put(Symbol.time(), t);
        for (int i = 0; i < d; i++) {
            values.put(xs[i], x[i]);
            values.put(vs[i], v[i]);
        }
        return values;
    }

    /**
     * {@code roots} with symbols replaced by {@code values}, their operations kept as they are
     * ({@link NodeFactory#verbatim}): at a stage point the acceleration (or its VJP) then computes
     * what its compiled kernel computes there, bit for bit.
     */
    private Node[] at(Node[] roots, Map<Symbol, Node> values) {
        return Dag.of(roots).rebuild((n, kids) -> {
            if (n.isSymbol()) {
                Node replaced = values.get(n.symbol());
                return replaced != null ? replaced : n;
            }
            return f.verbatim(n, kids);
        });
    }
}
