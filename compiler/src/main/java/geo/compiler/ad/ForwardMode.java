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
            if (n.factory() != f) {
                throw new IllegalArgumentException("node " + n + " belongs to another NodeFactory");
            }
            if (n.op() == Op.SYM) {
                Node d = direction.get(n.symbol());
                tangent[i] = d == null || d.isConstant(0.0) ? null : d;
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

    /** ∂y/∂s as IR: the tangent of {@code y} in the direction {@code s ↦ 1}. */
    public static Node derivative(NodeFactory f, Node y, Symbol s) {
        return jvp(f, new Node[] {y}, Map.of(s, f.one()))[0];
    }
}
