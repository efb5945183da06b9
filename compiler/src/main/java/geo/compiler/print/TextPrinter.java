package geo.compiler.print;

import geo.compiler.ir.Node;

/**
 * Readable infix text: {@code 2*x*y + sin(x)^2 - 3 / (x + 1)}. Products are written with
 * {@code *}, sums and quotients with spaces, powers with {@code ^}, functions by their
 * {@link geo.compiler.ir.Op#text()} names, symbols by their names; parentheses only where
 * precedence needs them. Large shared DAGs print as
 * <pre>
 * let t1 = sin(x) + 0.5*x
 * let t2 = sin(t1) + 0.5*t1
 * t2^2 + t2
 * </pre>
 */
public final class TextPrinter {

    private TextPrinter() {
    }

    /** {@code n} inline when that is small, otherwise as lets followed by the expression. */
    public static String print(Node n) {
        LetPlan plan = LetPlan.withLets(new Node[] {n});
        if (plan.letCount == 0) {
            return new Infix(plan, false).define(n);
        }
        return lets(plan, new Node[] {n}, null);
    }

    /**
     * {@code n} as one expression tree, repeating shared subexpressions.
     *
     * @throws IllegalArgumentException if the tree would have more than 2000 nodes or 256 levels
     */
    public static String inline(Node n) {
        return new Infix(LetPlan.inline(new Node[] {n}), false).define(n);
    }

    /**
     * Several outputs as {@code let} lines for the shared or large intermediates, then one line
     * {@code name = expression} per output.
     */
    public static String lets(Node[] outputs, String[] names) {
        if (names.length != outputs.length) {
            throw new IllegalArgumentException(outputs.length + " outputs but " + names.length + " names");
        }
        return lets(LetPlan.withLets(outputs), outputs, names);
    }

    private static String lets(LetPlan plan, Node[] outputs, String[] names) {
        Infix w = new Infix(plan, false);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < plan.dag.size(); i++) {
            Node n = plan.dag.node(i);
            if (plan.isLet(n)) {
                sb.append("let ").append(w.letName(plan.number(n))).append(" = ").append(w.define(n)).append('\n');
            }
        }
        for (int k = 0; k < outputs.length; k++) {
            if (names != null) {
                sb.append(names[k]).append(" = ");
            }
            sb.append(w.reference(outputs[k]));
            if (k + 1 < outputs.length) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }
}
