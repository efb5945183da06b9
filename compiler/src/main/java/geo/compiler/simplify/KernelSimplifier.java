package geo.compiler.simplify;

import geo.compiler.ir.Dag;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import java.util.List;

/**
 * Compile-time simplification of what a kernel computes: {@code cancel-on-chart} collection of
 * like terms, common divisors taken out of sums ({@link FactorDivisors}) and the trigonometric
 * identities, kept only when {@link CostModel} says the result is cheaper. The Poincaré ball's
 * spray, for instance, derives with three chained divisions ((1/u²)² inverted, 1/u³ in each
 * term) and simplifies to one (1/u); since RK4's four stages are sequential, the division latency
 * is most of an exponential map's cost.
 *
 * <p>Cancelling u^a·u^(−a) for any base u changes values only where the derived expression
 * divides zero by zero — off the chart, where the metric or its inverse is undefined and a
 * solver stops anyway; everywhere else the two agree up to rounding.
 */
public final class KernelSimplifier {

    /** Above this many nodes simplification is skipped: it would cost more compile time than it saves. */
    static final int LIMIT = 20_000;

    private static final Simplifier SIMPLIFIER =
            new Simplifier(List.of(CollectLikeTerms.onChart(), new FactorDivisors(), new TrigIdentities()), null);

    private KernelSimplifier() {
    }

    /** {@code roots} simplified together when that is cheaper to evaluate, else {@code roots} itself. */
    public static Node[] run(NodeFactory f, Node[] roots) {
        if (Dag.count(roots) > LIMIT) {
            return roots;
        }
        Node[] simplified = SIMPLIFIER.run(f, roots, null);
        return CostModel.of(simplified) < CostModel.of(roots) ? simplified : roots;
    }
}
