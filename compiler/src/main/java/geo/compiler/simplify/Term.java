package geo.compiler.simplify;

import geo.compiler.ir.Node;
import geo.compiler.ir.Op;

import java.util.ArrayList;
import java.util.List;

/**
 * An operand of a sum split as coefficient · factors ({@code 3*x*y} is 3 and [x, y]; {@code x}
 * is 1 and [x]), with identity-based equality of factor lists for grouping.
 */
final class Term {

    final double coef;
    final List<Node> factors;

    private Term(double coef, List<Node> factors) {
        this.coef = coef;
        this.factors = factors;
    }

    static Term of(Node t) {
        if (t.op() != Op.MUL) {
            return new Term(1.0, List.of(t));
        }
        boolean lead = t.child(0).isConstant();
        List<Node> fs = new ArrayList<>(t.arity());
        for (int i = lead ? 1 : 0; i < t.arity(); i++) {
            fs.add(t.child(i));
        }
        return new Term(lead ? t.child(0).value() : 1.0, fs);
    }

    /** An identity-compared list of nodes plus a tag, usable as a hash key. */
    record Key(Object tag, List<Node> nodes) {
        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key k) || !tag.equals(k.tag) || k.nodes.size() != nodes.size()) {
                return false;
            }
            for (int i = 0; i < nodes.size(); i++) {
                if (nodes.get(i) != k.nodes.get(i)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return tag.hashCode() * 31 + nodes.hashCode();
        }
    }
}
