package geo.compiler.ad;

import geo.compiler.ir.Dag;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Op;
import geo.compiler.ir.Symbol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Forward-mode differentiation: Jacobian–vector products as IR.
 *
 * <p>For outputs yⱼ(s₁, …, sₙ) and a direction δ (one node per seeded symbol, symbols not in
 * the map have δ = 0) it builds the tangents ẏⱼ = Σₖ ∂yⱼ/∂sₖ · δₖ of all outputs in one sweep
 * in topological order, using ṅ = Σᵢ ∂n/∂cᵢ · ċᵢ with the partials of the op table. The
 * direction may be symbolic (e.g. velocity symbols for the directional derivative D_v g).
 */
public final class ForwardMode {

    private ForwardMode() {
    }

    /**
     * Tangents of {@code outputs} in the direction {@code direction}. Nothing is modified; new
     * nodes are added to {@code f}, which must own all the nodes given.
     *
     * @return one tangent per output, in order (the constant 0 where an output does not depend
     *         on the direction)
     */
    public static Node[] jvp(NodeFactory f, Node[] outputs, Map<Symbol, Node> direction) {
        Dag dag = Dag.of(outputs);
        Node[] tangent = new Node[dag.size()];
        List<Node> terms = new ArrayList<>();
        for (int i = 0; i < dag.size(); i++) {
            Node n = dag.node(i);
            if (isSeed(f, n)) {
                tangent[i] = seed(n, direction);
                continue;
            }
            terms.clear();
            for (int j = 0; j < n.arity(); j++) {
                Node dc = tangent[dag.indexOf(n.child(j))];
                if (dc == null) {
                    continue;
                }
                if (n.op() == Op.ADD) {
                    terms.add(dc);
                } else {
                    Node p = n.op().partial(f, n, j);
                    if (!p.isConstant(0.0)) {
                        terms.add(f.mul(p, dc));
                    }
                }
            }
            if (!terms.isEmpty()) {
                Node t = terms.size() == 1 ? terms.get(0) : f.add(terms);
                tangent[i] = t.isConstant(0.0) ? null : t;
            }
        }
        Node[] out = new Node[outputs.length];
        for (int k = 0; k < outputs.length; k++) {
            Node t = tangent[dag.indexOf(outputs[k])];
            out[k] = t == null ? f.zero() : t;
        }
        return out;
    }

    /**
     * Tangents as {@link #jvp}, built as backpropagation's shared products are
     * ({@link ReverseMode#sharedGradient}): the tangent of a product a·b is ȧ·b + a·ḃ with each
     * term one multiplication of two values ({@link NodeFactory#ordered}), where the canonical form
     * flattens ȧ (itself a product) into a product of all its factors; a product of k &gt; 2
     * factors gets Σⱼ ċⱼ·Πᵢ≠ⱼ cᵢ. The tangent of a sum Σₖ aₖ·bₖ is one sum with the terms
     * ȧₖ·bₖ of every k first, then the terms aₖ·ḃₖ, then the tangents of the other operands: two
     * runs of products of two vectors, which the emitter turns into loops (the JVP of a layer
     * W·h is Ẇ·h + W·ḣ, two matrix–vector products). Terms whose tangent is 0 are left out. This
     * is the forward half of forward-over-reverse, the Hessian–vector product of
     * {@link Higher#hvp}: its cost is a small constant times the gradient's (Griewank &amp; Walther,
     * <i>Evaluating Derivatives</i>, 2nd ed., 2008, §5.4). The operations differ from
     * {@link #jvp}'s (another grouping of the same terms), so results may differ in the last bits.
     */
    public static Node[] sharedJvp(NodeFactory f, Node[] outputs, Map<Symbol, Node> direction) {
        Dag dag = Dag.of(outputs);
        Node[] tangent = new Node[dag.size()];
        // For a product of two non-constant factors: its tangent's terms from factor 0 and factor 1.
        Node[] fromFirst = new Node[dag.size()];
        Node[] fromSecond = new Node[dag.size()];
        List<Node> first = new ArrayList<>();
        List<Node> second = new ArrayList<>();
        List<Node> other = new ArrayList<>();
        for (int i = 0; i < dag.size(); i++) {
            Node n = dag.node(i);
            if (isSeed(f, n)) {
                tangent[i] = seed(n, direction);
                continue;
            }
            first.clear();
            second.clear();
            other.clear();
            if (n.op() == Op.ADD) {
                for (int j = 0; j < n.arity(); j++) {
                    int c = dag.indexOf(n.child(j));
                    if (tangent[c] == null) {
                        continue;
                    }
                    if (fromFirst[c] == null && fromSecond[c] == null) {
                        other.add(tangent[c]);
                        continue;
                    }
                    if (fromFirst[c] != null) {
                        first.add(fromFirst[c]);
                    }
                    if (fromSecond[c] != null) {
                        second.add(fromSecond[c]);
                    }
                }
            } else if (n.op() == Op.MUL && n.arity() == 2) {
                Node a = n.child(0);
                Node b = n.child(1);
                Node da = tangent[dag.indexOf(a)];
                Node db = tangent[dag.indexOf(b)];
                if (da != null) {
                    fromFirst[i] = product(f, da, b);
                    first.add(fromFirst[i]);
                }
                if (db != null) {
                    fromSecond[i] = product(f, a, db);
                    second.add(fromSecond[i]);
                }
            } else if (n.op() == Op.MUL) {
                Node[] others = new Node[n.arity() - 1];
                for (int j = 0; j < n.arity(); j++) {
                    Node dc = tangent[dag.indexOf(n.child(j))];
                    if (dc == null) {
                        continue;
                    }
                    for (int k = 0, at = 0; k < n.arity(); k++) {
                        if (k != j) {
                            others[at++] = n.child(k);
                        }
                    }
                    other.add(product(f, f.mul(others), dc));
                }
            } else {
                for (int j = 0; j < n.arity(); j++) {
                    Node dc = tangent[dag.indexOf(n.child(j))];
                    if (dc == null) {
                        continue;
                    }
                    Node p = n.op().partial(f, n, j);
                    if (!p.isConstant(0.0)) {
                        other.add(product(f, p, dc));
                    }
                }
            }
            int terms = first.size() + second.size() + other.size();
            if (terms == 0) {
                fromFirst[i] = null;
                fromSecond[i] = null;
                continue;
            }
            Node t;
            if (terms == 1) {
                t = !first.isEmpty() ? first.get(0) : !second.isEmpty() ? second.get(0) : other.get(0);
            } else {
                Node[] all = new Node[terms];
                int at = 0;
                for (List<Node> l : List.of(first, second, other)) {
                    for (Node x : l) {
                        all[at++] = x;
                    }
                }
                t = f.ordered(Op.ADD, all);
            }
            tangent[i] = t.isConstant(0.0) ? null : t;
        }
        Node[] out = new Node[outputs.length];
        for (int k = 0; k < outputs.length; k++) {
            Node t = tangent[dag.indexOf(outputs[k])];
            out[k] = t == null ? f.zero() : t;
        }
        return out;
    }

    /** a·b as one multiplication of the two values; canonical (constants fold) when one is a constant. */
    private static Node product(NodeFactory f, Node a, Node b) {
        return a.isConstant() || b.isConstant() ? f.mul(a, b) : f.ordered(Op.MUL, a, b);
    }

    /** ∂y/∂s as IR: the tangent of {@code y} in the direction {@code s ↦ 1}. */
    public static Node derivative(NodeFactory f, Node y, Symbol s) {
        return jvp(f, new Node[] {y}, Map.of(s, f.one()))[0];
    }

    /** Whether {@code n} is a symbol, whose tangent is given; throws when {@code f} does not own it. */
    private static boolean isSeed(NodeFactory f, Node n) {
        if (n.factory() != f) {
            throw new IllegalArgumentException("node " + n + " belongs to another NodeFactory");
        }
        return n.op() == Op.SYM;
    }

    /** The tangent of symbol {@code n} in {@code direction}: null where it is absent or 0. */
    private static Node seed(Node n, Map<Symbol, Node> direction) {
        Node d = direction.get(n.symbol());
        return d == null || d.isConstant(0.0) ? null : d;
    }
}
