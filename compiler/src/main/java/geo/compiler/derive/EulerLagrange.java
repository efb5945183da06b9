package geo.compiler.derive;

import geo.compiler.ad.ForwardMode;
import geo.compiler.ad.ReverseMode;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Symbol;
import geo.compiler.lower.Linear;
import geo.compiler.lower.LoweredModel;
import geo.compiler.lower.Tensor;
import java.util.HashMap;
import java.util.Map;

/**
 * The Euler–Lagrange acceleration of a Lagrangian L(x, v, t; θ):
 * ∂²L/∂v² · a = ∂L/∂x − (∂²L/∂v∂x) v − ∂²L/∂v∂t.
 * The momentum p = ∂L/∂v comes from one reverse sweep; its derivatives in v (d forward sweeps),
 * along x in the direction v (one sweep) and in t (one sweep) give the system.
 */
public final class EulerLagrange {

    private final NodeFactory f;
    private final int d;
    private final Node lagrangian;
    private final Symbol[] xs;
    private final Symbol[] vs;
    private final Symbol time;
    private final Node[] v;

    /** The Lagrangian of {@code model}. */
    public EulerLagrange(NodeFactory f, LoweredModel model) {
        this(f, model, model.lagrangian());
    }

    /** An arbitrary Lagrangian over the symbols of {@code model} (e.g. ½vᵀgv, to compare with the spray). */
    public EulerLagrange(NodeFactory f, LoweredModel model, Node lagrangian) {
        if (lagrangian == null) {
            throw new IllegalArgumentException("manifold " + model.name() + " has no lagrangian");
        }
        this.f = f;
        this.d = model.dimension();
        this.lagrangian = lagrangian;
        this.xs = Symbols.coordinates(model);
        this.vs = Symbols.velocities(model);
        this.time = model.time();
        this.v = Symbols.nodes(f, vs);
    }

    public Node lagrangian() {
        return lagrangian;
    }

    /** p = ∂L/∂v. */
    public Node[] momentum() {
        return ReverseMode.gradient(f, lagrangian, vs);
    }

    /** ∂²L/∂v², d×d: the matrix the acceleration is solved with (the Legendre condition asks it to be definite). */
    public Tensor velocityHessian() {
        Node[] p = momentum();
        Node[] h = new Node[Math.multiplyExact(d, d)];
        for (int j = 0; j < d; j++) {
            Node[] column = ForwardMode.jvp(f, p, Map.of(vs[j], f.one()));
            for (int i = 0; i < d; i++) {
                h[i * d + j] = column[i];
            }
        }
        return Tensor.matrix(d, d, h);
    }

    /** The system ∂²L/∂v² a = ∂L/∂x − (∂²L/∂v∂x) v − ∂²L/∂v∂t, solved symbolically up to d = 4. */
    public Spray acceleration() {
        Node[] p = momentum();
        Node[] force = ReverseMode.gradient(f, lagrangian, xs);
        Map<Symbol, Node> along = new HashMap<>();
        for (int k = 0; k < d; k++) {
            along.put(xs[k], v[k]);
        }
        Node[] mixed = ForwardMode.jvp(f, p, along);
        Node[] dt = ForwardMode.jvp(f, p, Map.of(time, f.one()));
        Node[] rhs = new Node[d];
        for (int i = 0; i < d; i++) {
            rhs[i] = f.add(force[i], f.neg(mixed[i]), f.neg(dt[i]));
        }
        Tensor h = velocityHessian();
        Node[] a = null;
        if (d <= MetricGeometry.SYMBOLIC_INVERSE_LIMIT) {
            Tensor inv = new Linear(f).inverse(h);
            a = new Node[d];
            Node[] terms = new Node[d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    terms[j] = f.mul(inv.at(i, j), rhs[j]);
                }
                a[i] = f.add(terms);
            }
        }
        return new Spray(h, rhs, a);
    }
}
