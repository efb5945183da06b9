package geo.compiler.simplify;

import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Op;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pass {@code trig-identities}: in a sum, a pair of terms {@code K·sin(u)^2 + K·cos(u)^2}
 * becomes {@code K}, and {@code K·cosh(u)^2 - K·sinh(u)^2} becomes {@code K}, for any common
 * factor K (coefficient and other factors identical). Both identities hold for every real u,
 * so the rewrite is safe. Pairs with different K are left alone.
 */
public final class TrigIdentities implements Pass {

    @Override
    public String name() {
        return "trig-identities";
    }

    @Override
    public Node rewrite(NodeFactory f, Node n) {
        if (n.op() != Op.ADD || n.arity() < 2) {
            return n;
        }
        // Candidates keyed by (family, coefficient, K's factors, u); value: {role, term, factor}.
        Map<Term.Key, List<int[]>> roles = new HashMap<>();
        for (int i = 0; i < n.arity(); i++) {
            Term term = Term.of(n.child(i));
            for (int j = 0; j < term.factors.size(); j++) {
                Node fac = term.factors.get(j);
                int role = role(fac);
                if (role < 0) {
                    continue;
                }
                List<Node> key = new ArrayList<>(term.factors);
                key.remove(j);
                key.add(fac.child(0).child(0));
                double k = role == 3 ? -term.coef : term.coef;
                String family = role >= 2 ? "cosh-sinh " : "sin-cos ";
                roles.computeIfAbsent(new Term.Key(family + k, key), x -> new ArrayList<>())
                        .add(new int[] {role & 1, i, j});
            }
        }
        if (roles.isEmpty()) {
            return n;
        }
        boolean[] used = new boolean[n.arity()];
        List<Node> out = new ArrayList<>();
        for (List<int[]> candidates : roles.values()) {
            List<int[]> firsts = new ArrayList<>();
            List<int[]> seconds = new ArrayList<>();
            for (int[] r : candidates) {
                (r[0] == 0 ? firsts : seconds).add(r);
            }
            int b = 0;
            for (int[] first : firsts) {
                while (b < seconds.size() && (used[seconds.get(b)[1]] || seconds.get(b)[1] == first[1])) {
                    b++;
                }
                if (used[first[1]] || b == seconds.size()) {
                    continue;
                }
                used[first[1]] = true;
                used[seconds.get(b++)[1]] = true;
                out.add(without(f, n.child(first[1]), first[2]));
            }
        }
        if (out.isEmpty()) {
            return n;
        }
        for (int i = 0; i < n.arity(); i++) {
            if (!used[i]) {
                out.add(n.child(i));
            }
        }
        return f.add(out);
    }

    /** 0: sin², 1: cos², 2: cosh², 3: sinh², −1: none. */
    private static int role(Node fac) {
        if (fac.op() != Op.POWI || fac.exponent() != 2) {
            return -1;
        }
        return switch (fac.child(0).op()) {
            case SIN -> 0;
            case COS -> 1;
            case COSH -> 2;
            case SINH -> 3;
            default -> -1;
        };
    }

    /** K from a term K·s(u)^2 whose factor {@code j} is s(u)^2. */
    private static Node without(NodeFactory f, Node t, int j) {
        Term term = Term.of(t);
        List<Node> fs = new ArrayList<>(term.factors);
        fs.remove(j);
        fs.add(f.constant(term.coef));
        return f.mul(fs);
    }
}
