package geo.compiler.show;

import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Op;
import geo.compiler.simplify.Pass;

/**
 * Pass {@code expand-for-display}: multiplies out what hides cancellations from
 * {@link geo.compiler.simplify.CollectLikeTerms}, which only compares whole terms.
 * <ul>
 *   <li>a product with exactly one sum among its factors, {@code c·u·(a + b)}, becomes
 *       {@code c·u·a + c·u·b} when the sum has at most {@value #MAX_TERMS} terms (or the other
 *       factor is a lone constant, as in {@code a - (a - b)}), so {@code t - (t - 1)} can
 *       collect to {@code 1};</li>
 *   <li>an integer power of a product, {@code (a·b)^k}, becomes {@code a^k·b^k}, so
 *       {@code (2/t)^2} meets the other powers of {@code t}.</li>
 * </ul>
 * Both rewrites are identities wherever the input is defined. They can grow an expression; the
 * {@link geo.compiler.simplify.Simplifier}'s node budget bounds that, and the limit on terms keeps
 * long sums (network layers) from being multiplied out at all.
 */
final class ExpandForDisplay implements Pass {

    /** Longest sum multiplied out by a non-constant factor. */
    static final int MAX_TERMS = 8;

    @Override
    public String name() {
        return "expand-for-display";
    }

    @Override
    public Node rewrite(NodeFactory f, Node n) {
        if (n.op() == Op.MUL) {
            return distribute(f, n);
        }
        if (n.op() == Op.POWI && n.child(0).op() == Op.MUL) {
            Node product = n.child(0);
            Node[] factors = new Node[product.arity()];
            for (int i = 0; i < factors.length; i++) {
                factors[i] = f.powi(product.child(i), n.exponent());
            }
            return f.mul(factors);
        }
        return n;
    }

    private static Node distribute(NodeFactory f, Node n) {
        int sums = 0;
        int at = -1;
        for (int i = 0; i < n.arity(); i++) {
            if (n.child(i).op() == Op.ADD) {
                sums++;
                at = i;
            }
        }
        if (sums != 1) {
            return n;
        }
        Node sum = n.child(at);
        boolean scaled = n.arity() == 2 && n.child(1 - at).isConstant();
        if (sum.arity() > MAX_TERMS && !scaled) {
            return n;
        }
        Node[] terms = new Node[sum.arity()];
        for (int k = 0; k < terms.length; k++) {
            Node[] factors = n.childArray();
            factors[at] = sum.child(k);
            terms[k] = f.mul(factors);
        }
        return f.add(terms);
    }
}
