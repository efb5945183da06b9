package geo.compiler.print;

import geo.compiler.ir.Node;

/**
 * LaTeX for the same layout as {@link TextPrinter}: {@code \frac} for quotients, {@code \sin},
 * {@code \sqrt{…}}, {@code \left|…\right|}, powers as {@code ^{…}}, index subscripts
 * ({@code x[0]} → {@code x_{0}}) and Greek names ({@code theta} → {@code \theta}). Large shared
 * DAGs print as an {@code aligned} block of {@code t_{k} &= …} lines.
 */
public final class LatexPrinter {

    private LatexPrinter() {
    }

    /** {@code n} inline when that is small, otherwise as an aligned block ending in {@code y &= …}. */
    public static String print(Node n) {
        LetPlan plan = LetPlan.withLets(new Node[] {n});
        if (plan.letCount == 0) {
            return new Infix(plan, true).define(n);
        }
        return lets(plan, new Node[] {n}, new String[] {"y"});
    }

    /**
     * {@code n} as one expression tree, repeating shared subexpressions.
     *
     * @throws IllegalArgumentException if the tree would have more than 2000 nodes or 256 levels
     */
    public static String inline(Node n) {
        return new Infix(LetPlan.inline(new Node[] {n}), true).define(n);
    }

    /**
     * Several outputs as one {@code aligned} block: a line per shared or large intermediate,
     * then {@code name &= expression} per output. Names are LaTeX as given.
     */
    public static String lets(Node[] outputs, String[] names) {
        if (names.length != outputs.length) {
            throw new IllegalArgumentException(outputs.length + " outputs but " + names.length + " names");
        }
        return lets(LetPlan.withLets(outputs), outputs, names);
    }

    private static String lets(LetPlan plan, Node[] outputs, String[] names) {
        Infix w = new Infix(plan, true);
        StringBuilder sb = new StringBuilder("\\begin{aligned}\n");
        for (int i = 0; i < plan.dag.size(); i++) {
            Node n = plan.dag.node(i);
            if (plan.isLet(n)) {
                sb.append(w.letName(plan.number(n))).append(" &= ").append(w.define(n)).append(" \\\\\n");
            }
        }
        for (int k = 0; k < outputs.length; k++) {
            sb.append(names[k]).append(" &= ").append(w.reference(outputs[k]));
            sb.append(k + 1 < outputs.length ? " \\\\\n" : "\n");
        }
        return sb.append("\\end{aligned}").toString();
    }
}
