package geo.runtime.manifold;

/**
 * A space that keeps per-pair solver state between distance calls (warm starts), shared by the
 * instances {@link #forThread()} makes. A solver that follows each pair's solution from its last
 * one finds <em>a</em> geodesic, which after large changes of the points or the metric need not be
 * the shortest; a trainer therefore also solves its final distances afresh (after
 * {@link #clearWarmStarts()}) and keeps the shorter. Spaces without such state do not implement
 * this interface: their distances do not depend on history.
 */
public interface WarmStartedSpace extends EmbeddingSpace {

    /** Forgets the per-pair solver state of every instance sharing it. */
    void clearWarmStarts();

    /** Whether {@code pair} has solver state that its next distance call starts from. */
    boolean hasWarmStart(int pair);

    /**
     * A new instance of the same space that solves every pair afresh: it neither reads nor keeps
     * per-pair state, and leaves this one's untouched (so a trainer can re-solve some pairs from
     * scratch without losing the warm starts of the others).
     */
    EmbeddingSpace withoutWarmStarts();

    /**
     * A new instance of the same space whose solves start afresh (none of this one's state is
     * read or touched) but which keeps the state its own solves leave, in a cache of its own, so
     * that a pass of fresh solves can chain them ({@link #distanceFrom}). By default
     * {@link #withoutWarmStarts()}, which keeps nothing.
     */
    default EmbeddingSpace withEmptyWarmStarts() {
        return withoutWarmStarts();
    }

    /**
     * d_M of {@code pair} (from x to y), its solve started from the stored logarithm of another
     * pair {@code from} out of the same x whose end point is near y: a first guess far closer to
     * log_x(y) than the straight line when the geodesics are long and bent, which is why a pass over
     * every pair of a large graph chains its solves (Trainer's final distances). Because that guess is
     * not a certified start, the solve checks for conjugate points whatever the space's options
     * trust; it is stored as {@code pair}'s warm start when it converges. By default, and when
     * {@code from} has no stored logarithm or the chained solve does not converge, the pair's own
     * {@link #distance(int, double[], double[], double[])}.
     */
    default PairDistance distanceFrom(int pair, int from, double[] x, double[] y, double[] theta) {
        return distance(pair, x, y, theta);
    }

    /**
     * As {@link #distanceFrom(int, int, double[], double[], double[])}, with the gradients of
     * {@link #distance(int, double[], double[], double[], double[], double[], double[])} (gx, gy, gTheta
     * overwritten): for a training epoch that meets pairs without a warm start. By default the pair's own
     * solve.
     */
    default PairDistance distanceFrom(int pair, int from, double[] x, double[] y, double[] theta, double[] gx,
                                      double[] gy, double[] gTheta) {
        return distance(pair, x, y, theta, gx, gy, gTheta);
    }

    /** Clears {@code space}'s warm starts if it keeps any; returns whether it does. */
    static boolean clear(EmbeddingSpace space) {
        if (space instanceof WarmStartedSpace w) {
            w.clearWarmStarts();
            return true;
        }
        return false;
    }
}
