package geo.compiler.ir;

/**
 * A {@link NodeFactory} would exceed its node budget: the model's derivations are too large to
 * build in memory. The compiler's drivers report it as a diagnostic at the model's declaration.
 */
public final class NodeBudgetException extends RuntimeException {

    private final int budget;

    /** The budget that was reached. */
    public NodeBudgetException(int budget) {
        super("the expressions exceed the compiler's budget of " + String.format(java.util.Locale.ROOT, "%,d", budget)
                + " nodes");
        this.budget = budget;
    }

    /** The number of nodes the factory was allowed. */
    public int budget() {
        return budget;
    }
}
