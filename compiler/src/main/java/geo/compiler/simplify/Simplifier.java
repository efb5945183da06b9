package geo.compiler.simplify;

import geo.compiler.ir.Dag;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.PassReport;

import java.util.Arrays;
import java.util.List;

/**
 * Runs passes to a fixed point under a {@link Budget}: each round applies every pass once to
 * the whole DAG (bottom-up, shared nodes rewritten once); rounds repeat until nothing changes
 * or the round limit is hit, and a pass that would create more nodes than the budget allows is
 * abandoned. Either way the result is a valid, equivalent DAG.
 */
public final class Simplifier {

    private final List<Pass> passes;
    private final Budget budget;

    /** A simplifier running {@code passes} in order under {@code budget} (null: the default for the input size). */
    public Simplifier(List<Pass> passes, Budget budget) {
        this.passes = List.copyOf(passes);
        this.budget = budget;
    }

    /** Collect like terms, then trigonometric and hyperbolic identities, default budget. */
    public static Simplifier standard() {
        return new Simplifier(List.of(new CollectLikeTerms(), new TrigIdentities()), null);
    }

    /**
     * For showing geometry on a chart: collect like terms cancelling common factors (see
     * {@link CollectLikeTerms#onChart()}), then trigonometric and hyperbolic identities.
     */
    public static Simplifier onChart() {
        return new Simplifier(List.of(CollectLikeTerms.onChart(), new TrigIdentities()), null);
    }

    /** Simplifies one expression. */
    public Node run(NodeFactory f, Node root) {
        return run(f, new Node[] {root}, null)[0];
    }

    /**
     * Simplifies {@code roots} together (shared parts are rewritten once) and, when
     * {@code report} is not null, appends one entry per pass application to it.
     *
     * @return the simplified roots, in order; {@code roots} is not modified
     */
    public Node[] run(NodeFactory f, Node[] roots, PassReport report) {
        Node[] current = roots.clone();
        Budget b = budget != null ? budget : Budget.forSize(Dag.count(roots));
        int limit = f.size() + b.maxNewNodes();
        for (int round = 0; round < b.maxRounds(); round++) {
            boolean changed = false;
            for (Pass pass : passes) {
                long t0 = System.nanoTime();
                int before = report == null ? 0 : Dag.count(current);
                Node[] next;
                try {
                    next = apply(f, pass, current, limit);
                } catch (OverBudget e) {
                    if (report != null) {
                        report.add(pass.name(), before, before, System.nanoTime() - t0, "node budget exhausted");
                    }
                    return current;
                }
                if (report != null) {
                    report.add(pass.name(), before, Dag.count(next), System.nanoTime() - t0, "round " + (round + 1));
                }
                changed |= !Arrays.equals(next, current);
                current = next;
            }
            if (!changed) {
                break;
            }
        }
        return current;
    }

    private static Node[] apply(NodeFactory f, Pass pass, Node[] roots, int limit) {
        return Dag.of(roots).rebuild((n, kids) -> {
            Node out = pass.rewrite(f, f.rebuild(n, kids));
            if (f.size() > limit) {
                throw new OverBudget();
            }
            return out;
        });
    }

    /** Unwinds a pass that went over the node budget; never escapes this class. */
    private static final class OverBudget extends RuntimeException {
        OverBudget() {
            super("node budget exhausted", null, false, false);
        }
    }
}
