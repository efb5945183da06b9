package geo.compiler.simplify;

import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Op;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pass {@code collect-like-terms}: in sums, {@code a·u + b·u → (a+b)·u} (so {@code x + x → 2*x},
 * dropping the term if a+b = 0); in products, {@code u^a · u^b → u^(a+b)} for integer
 * exponents (so {@code x·x → x^2}). Exponents of opposite signs are merged only when the base is
 * provably non-zero ({@link NodeFactory#isProvablyNonZero}), because {@code x^2·x^(-1) → x}
 * would turn the undefined value at x = 0 into 0; otherwise the positive and the negative
 * exponents are merged separately. Never increases the number of operands.
 *
 * <p>The variant {@link #onChart()} ({@code cancel-on-chart}) also merges exponents of opposite
 * signs for any base: the result agrees with the input wherever the input is defined, and extends
 * it continuously across removable singularities ({@code sin²θ / sin²θ → 1}). Geometry on a chart
 * assumes what it divides by (the metric's determinant and its factors) is non-zero there, so the
 * displayed Christoffel symbols and curvature use this variant.
 */
public final class CollectLikeTerms implements Pass {

    private final boolean cancelAnyBase;

    /** The guarded pass: opposite exponents cancel only for provably non-zero bases. */
    public CollectLikeTerms() {
        this(false);
    }

    private CollectLikeTerms(boolean cancelAnyBase) {
        this.cancelAnyBase = cancelAnyBase;
    }

    /** The pass that cancels opposite integer exponents of any base (see the class comment). */
    public static CollectLikeTerms onChart() {
        return new CollectLikeTerms(true);
    }

    @Override
    public String name() {
        return cancelAnyBase ? "cancel-on-chart" : "collect-like-terms";
    }

    @Override
    public Node rewrite(NodeFactory f, Node n) {
        return switch (n.op()) {
            case ADD -> sum(f, n);
            case MUL -> product(f, n);
            default -> n;
        };
    }

    private static Node sum(NodeFactory f, Node n) {
        Map<Term.Key, double[]> groups = new LinkedHashMap<>();
        List<Node> constants = new ArrayList<>();
        for (int i = 0; i < n.arity(); i++) {
            Node t = n.child(i);
            if (t.isConstant()) {
                constants.add(t);
                continue;
            }
            Term term = Term.of(t);
            groups.computeIfAbsent(new Term.Key("", term.factors), k -> new double[1])[0] += term.coef;
        }
        if (groups.size() + constants.size() == n.arity()) {
            return n;
        }
        List<Node> out = new ArrayList<>(constants);
        for (Map.Entry<Term.Key, double[]> g : groups.entrySet()) {
            double c = g.getValue()[0];
            if (c != 0.0) {
                List<Node> fs = new ArrayList<>(g.getKey().nodes());
                fs.add(f.constant(c));
                out.add(f.mul(fs));
            }
        }
        return f.add(out);
    }

    private Node product(NodeFactory f, Node n) {
        Map<Node, List<Node>> byBase = new IdentityHashMap<>();
        List<Node> bases = new ArrayList<>();
        List<Node> rest = new ArrayList<>();
        for (int i = 0; i < n.arity(); i++) {
            Node t = n.child(i);
            if (t.isConstant()) {
                rest.add(t);
                continue;
            }
            Node base = t.op() == Op.POWI ? t.child(0) : t;
            byBase.computeIfAbsent(base, k -> {
                bases.add(k);
                return new ArrayList<>();
            }).add(t);
        }
        if (bases.size() + rest.size() == n.arity()) {
            return n;
        }
        for (Node base : bases) {
            List<Node> group = byBase.get(base);
            long pos = 0;
            long neg = 0;
            for (Node t : group) {
                int k = t.op() == Op.POWI ? t.exponent() : 1;
                if (k > 0) {
                    pos += k;
                } else {
                    neg += k;
                }
            }
            if (pos != (int) pos || neg != (int) neg || pos + neg != (int) (pos + neg)) {
                rest.addAll(group);
            } else if (neg == 0 || pos == 0 || cancelAnyBase || NodeFactory.isProvablyNonZero(base)) {
                rest.add(f.powi(base, (int) (pos + neg)));
            } else {
                rest.add(f.powi(base, (int) pos));
                rest.add(f.powi(base, (int) neg));
            }
        }
        return f.mul(rest);
    }
}
