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
 * What a metric g(x; θ) on d coordinates gives: its inverse, Christoffel symbols of both kinds,
 * the geodesic spray, curvature, kinetic energy and speed. Results are built lazily and cached;
 * index layouts are documented per method. Symmetry in the lower indices of Γ is used: each
 * symbol with i ≤ j is built once and shared.
 */
public final class MetricGeometry {

    /** Up to this dimension the inverse metric (and so the spray) is given symbolically. */
    public static final int SYMBOLIC_INVERSE_LIMIT = 4;

    private final NodeFactory f;
    private final int d;
    private final Tensor g;
    private final Symbol[] xs;
    private final Node[] x;
    private final Node[] v;
    private Node[][] dg;
    private Tensor inverse;
    private Node[][] first;
    private Node[][] second;
    private Node[] riemann;

    /** @param model a lowered model with a metric; its nodes must come from {@code f} */
    public MetricGeometry(NodeFactory f, LoweredModel model) {
        if (model.metric() == null) {
            throw new IllegalArgumentException("manifold " + model.name() + " has no metric");
        }
        this.f = f;
        this.d = model.dimension();
        this.g = model.metric();
        this.xs = Symbols.coordinates(model);
        this.x = Symbols.nodes(f, xs);
        this.v = Symbols.nodes(f, Symbols.velocities(model));
    }

    public int dimension() {
        return d;
    }

    public Tensor metric() {
        return g;
    }

    /** ∂g_ij/∂x_k as {@code [k][i * d + j]}: one forward sweep per coordinate. */
    public Node[][] metricDerivatives() {
        if (dg == null) {
            dg = new Node[d][];
            for (int k = 0; k < d; k++) {
                dg[k] = ForwardMode.jvp(f, g.elements(), Map.of(xs[k], f.one()));
            }
        }
        return dg;
    }

    /** g⁻¹, symbolically (cofactors up to 4×4, elimination above). */
    public Tensor inverseMetric() {
        if (inverse == null) {
            inverse = new Linear(f).inverse(g);
        }
        return inverse;
    }

    /** Γ_{k,ij} = ½(∂_i g_jk + ∂_j g_ik − ∂_k g_ij) as {@code [k][i * d + j]}. */
    public Node[][] christoffelFirst() {
        if (first == null) {
            Node[][] dgs = metricDerivatives();
            Node half = f.constant(0.5);
            first = new Node[d][d * d];
            for (int k = 0; k < d; k++) {
                for (int i = 0; i < d; i++) {
                    for (int j = i; j < d; j++) {
                        Node s = f.add(dgs[i][j * d + k], dgs[j][i * d + k], f.neg(dgs[k][i * d + j]));
                        first[k][i * d + j] = f.mul(half, s);
                        first[k][j * d + i] = first[k][i * d + j];
                    }
                }
            }
        }
        return first;
    }

    /** Γ^l_{ij} = Σ_k g^{lk} Γ_{k,ij} as {@code [l][i * d + j]}. */
    public Node[][] christoffelSecond() {
        if (second == null) {
            Node[][] gamma = christoffelFirst();
            Tensor inv = inverseMetric();
            second = new Node[d][d * d];
            Node[] terms = new Node[d];
            for (int l = 0; l < d; l++) {
                for (int i = 0; i < d; i++) {
                    for (int j = i; j < d; j++) {
                        for (int k = 0; k < d; k++) {
                            terms[k] = f.mul(inv.at(l, k), gamma[k][i * d + j]);
                        }
                        second[l][i * d + j] = f.add(terms);
                        second[l][j * d + i] = second[l][i * d + j];
                    }
                }
            }
        }
        return second;
    }

    /** vᵀ g v. */
    public Node quadraticForm() {
        Node[] terms = new Node[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                terms[i * d + j] = f.mul(v[i], g.at(i, j), v[j]);
            }
        }
        return f.add(terms);
    }

    /** The kinetic energy ½ vᵀ g v. */
    public Node kineticEnergy() {
        return f.mul(f.constant(0.5), quadraticForm());
    }

    /** The metric norm of the velocity, √(vᵀ g v). */
    public Node speed() {
        return f.sqrt(quadraticForm());
    }

    /**
     * The geodesic spray a = −Γ(x)[v, v] in the cheap form g·a = ½∇ₓ(vᵀgv) − (D_v g)v: one
     * reverse sweep for the gradient, one forward sweep for the directional derivative of g; Γ is
     * never formed. Explicit (a = g⁻¹ rhs) up to {@link #SYMBOLIC_INVERSE_LIMIT}.
     */
    public Spray spray() {
        Node[] grad = ReverseMode.gradient(f, quadraticForm(), xs);
        Map<Symbol, Node> along = new HashMap<>();
        for (int k = 0; k < d; k++) {
            along.put(xs[k], v[k]);
        }
        Node[] dvg = ForwardMode.jvp(f, g.elements(), along);
        Node half = f.constant(0.5);
        Node[] rhs = new Node[d];
        Node[] terms = new Node[d + 1];
        for (int l = 0; l < d; l++) {
            terms[0] = f.mul(half, grad[l]);
            for (int j = 0; j < d; j++) {
                terms[j + 1] = f.neg(f.mul(dvg[l * d + j], v[j]));
            }
            rhs[l] = f.add(terms);
        }
        return new Spray(g, rhs, d <= SYMBOLIC_INVERSE_LIMIT ? times(inverseMetric(), rhs) : null);
    }

    /** −Γ^l_{ij} v^i v^j from the Christoffel symbols: the slow route, for cross-checks and display. */
    public Node[] sprayFromChristoffel() {
        Node[][] gamma = christoffelSecond();
        Node[] a = new Node[d];
        Node[] terms = new Node[d * d];
        for (int l = 0; l < d; l++) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    terms[i * d + j] = f.mul(gamma[l][i * d + j], v[i], v[j]);
                }
            }
            a[l] = f.neg(f.add(terms));
        }
        return a;
    }

    /**
     * The Riemann tensor R^ρ_{σμν} = ∂_μ Γ^ρ_{νσ} − ∂_ν Γ^ρ_{μσ} + Γ^ρ_{μλ} Γ^λ_{νσ} − Γ^ρ_{νλ} Γ^λ_{μσ},
     * flat, at {@code ((ρ * d + σ) * d + μ) * d + ν}.
     */
    public Node[] riemann() {
        if (riemann == null) {
            Node[][] gamma = christoffelSecond();
            Node[] all = new Node[d * d * d];
            for (int l = 0; l < d; l++) {
                System.arraycopy(gamma[l], 0, all, l * d * d, d * d);
            }
            Node[][] dGamma = new Node[d][];
            for (int mu = 0; mu < d; mu++) {
                dGamma[mu] = ForwardMode.jvp(f, all, Map.of(xs[mu], f.one()));
            }
            // d⁴ overflows an int above d = 215; the node budget stops such a d long before this.
            riemann = new Node[Math.multiplyExact(d * d, d * d)];
            Node[] terms = new Node[2 + 2 * d];
            for (int rho = 0; rho < d; rho++) {
                for (int sigma = 0; sigma < d; sigma++) {
                    for (int mu = 0; mu < d; mu++) {
                        for (int nu = 0; nu < d; nu++) {
                            terms[0] = dGamma[mu][rho * d * d + nu * d + sigma];
                            terms[1] = f.neg(dGamma[nu][rho * d * d + mu * d + sigma]);
                            for (int lam = 0; lam < d; lam++) {
                                terms[2 + lam] = f.mul(gamma[rho][mu * d + lam], gamma[lam][nu * d + sigma]);
                                terms[2 + d + lam] = f.neg(f.mul(gamma[rho][nu * d + lam], gamma[lam][mu * d + sigma]));
                            }
                            riemann[((rho * d + sigma) * d + mu) * d + nu] = f.add(terms);
                        }
                    }
                }
            }
        }
        return riemann;
    }

    /** The Ricci tensor R_{σν} = R^ρ_{σρν}, d×d. */
    public Tensor ricci() {
        Node[] r = riemann();
        Node[] out = new Node[d * d];
        Node[] terms = new Node[d];
        for (int sigma = 0; sigma < d; sigma++) {
            for (int nu = 0; nu < d; nu++) {
                for (int rho = 0; rho < d; rho++) {
                    terms[rho] = r[((rho * d + sigma) * d + rho) * d + nu];
                }
                out[sigma * d + nu] = f.add(terms);
            }
        }
        return Tensor.matrix(d, d, out);
    }

    /** The scalar curvature R = g^{σν} R_{σν}. */
    public Node scalarCurvature() {
        Tensor ric = ricci();
        Tensor inv = inverseMetric();
        Node[] terms = new Node[d * d];
        for (int i = 0; i < d * d; i++) {
            terms[i] = f.mul(inv.at(i), ric.at(i));
        }
        return f.add(terms);
    }

    private Node[] times(Tensor m, Node[] vec) {
        Node[] out = new Node[d];
        Node[] terms = new Node[d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                terms[j] = f.mul(m.at(i, j), vec[j]);
            }
            out[i] = f.add(terms);
        }
        return out;
    }
}
