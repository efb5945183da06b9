package geo.compiler.show;

import geo.compiler.ir.Dag;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.simplify.CollectLikeTerms;
import geo.compiler.simplify.Simplifier;
import geo.compiler.simplify.TrigIdentities;
import java.util.List;

/**
 * The simplification used for displayed equations: {@link Simplifier#onChart()}'s passes with
 * {@link ExpandForDisplay} in front, so that sums that cancel only after multiplying out (the
 * Poincaré ball's curvature, the sphere's Ricci tensor) print as the constants they are.
 * Display only: values are always computed from the derived, unsimplified equations.
 */
final class DisplaySimplifier {

    /** Above this many nodes a section is shown as derived: simplifying it would take too long to be worth it. */
    static final int LIMIT = 100_000;

    private static final Simplifier SIMPLIFIER = new Simplifier(
            List.of(new ExpandForDisplay(), CollectLikeTerms.onChart(), new TrigIdentities()), null);

    private DisplaySimplifier() {
    }

    /** {@code roots} simplified together, or unchanged when they are larger than {@link #LIMIT}. */
    static Node[] run(NodeFactory f, Node[] roots) {
        if (Dag.count(roots) > LIMIT) {
            return roots.clone();
        }
        return SIMPLIFIER.run(f, roots, null);
    }
}
