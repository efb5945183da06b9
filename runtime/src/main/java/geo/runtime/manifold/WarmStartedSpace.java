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

    /** Clears {@code space}'s warm starts if it keeps any; returns whether it does. */
    static boolean clear(EmbeddingSpace space) {
        if (space instanceof WarmStartedSpace w) {
            w.clearWarmStarts();
            return true;
        }
        return false;
    }
}
