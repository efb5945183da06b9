package geo.compiler.simplify;

import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pass {@code factor-divisors}: a sum whose every term divides by the same base u takes the
 * division out, {@code a·u^(−3) + b·u^(−2) → u^(−3)·(a + b·u)}, with the most negative exponent,
 * so that the remaining exponents are non-negative and the sum divides once. Combined with
 * {@link CollectLikeTerms} in the enclosing product ({@code u²·u^(−3) → u^(−1)}) this removes the
 * chained divisions symbolic differentiation leaves in a spray. Values change only by rounding:
 * every term was already undefined where u = 0.
 */
final class FactorDivisors implements Pass {

    @Override
    public String name() {
        return "factor-divisors";
    }

    @Override
    public Node rewrite(NodeFactory f, Node n) {
        if (n.op() != Op.ADD) {
            return n;
        }
        // For each base every term divides by: the most negative exponent among the terms.
        Map<Node, Integer> common = null;
        List<Term> terms = new ArrayList<>(n.arity());
        for (int i = 0; i < n.arity(); i++) {
            Node t = n.child(i);
            if (t.isConstant()) {
                return n;
            }
            Term term = Term.of(t);
            terms.add(term);
            Map<Node, Integer> divisors = new LinkedHashMap<>();
            for (Node factor : term.factors) {
                if (factor.op() == Op.POWI && factor.exponent() < 0) {
                    divisors.merge(factor.child(0), factor.exponent(), Integer::sum);
                }
            }
            if (common == null) {
                common = divisors;
            } else {
                common.keySet().retainAll(divisors.keySet());
                for (Map.Entry<Node, Integer> e : common.entrySet()) {
                    e.setValue(Math.min(e.getValue(), divisors.get(e.getKey())));
                }
            }
            if (common.isEmpty()) {
                return n;
            }
        }
        List<Node> sum = new ArrayList<>(terms.size());
        for (Term term : terms) {
            Map<Node, Integer> left = new LinkedHashMap<>(common);
            List<Node> factors = new ArrayList<>(term.factors.size() + 1);
            factors.add(f.constant(term.coef));
            for (Node factor : term.factors) {
                if (factor.op() == Op.POWI && factor.exponent() < 0 && left.containsKey(factor.child(0))) {
                    // u^k with k the term's exponent: what remains is u^(k − kmin) ≥ u⁰.
                    int rest = factor.exponent() - left.remove(factor.child(0));
                    if (rest != 0) {
                        factors.add(f.powi(factor.child(0), rest));
                    }
                } else {
                    factors.add(factor);
                }
            }
            sum.add(f.mul(factors));
        }
        List<Node> product = new ArrayList<>();
        for (Map.Entry<Node, Integer> e : common.entrySet()) {
            product.add(f.powi(e.getKey(), e.getValue()));
        }
        product.add(f.add(sum));
        return f.mul(product);
    }
}
