package geo.compiler.simplify;

/**
 * Limits of one {@link Simplifier} run: at most {@code maxNewNodes} nodes added to the factory
 * and at most {@code maxRounds} rounds of all passes. When a pass would exceed the node budget
 * its partial result is dropped and the run stops with the last complete result.
 *
 * @param maxNewNodes nodes the run may create (≥ 0)
 * @param maxRounds   rounds of all passes (≥ 1)
 */
public record Budget(int maxNewNodes, int maxRounds) {

    /** Checks the limits. */
    public Budget {
        if (maxNewNodes < 0 || maxRounds < 1) {
            throw new IllegalArgumentException("bad budget " + maxNewNodes + " nodes, " + maxRounds + " rounds");
        }
    }

    /** The default for an input of {@code size} nodes: max(10 000, 4·size) new nodes, 6 rounds. */
    public static Budget forSize(int size) {
        return new Budget((int) Math.min(Integer.MAX_VALUE, Math.max(10_000L, 4L * size)), 6);
    }
}
