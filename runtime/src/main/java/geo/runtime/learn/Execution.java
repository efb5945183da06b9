package geo.runtime.learn;

/**
 * How a training run executes: its seed and its worker threads. Results depend on the seed and
 * never on the thread count (every task reduces in a fixed order).
 *
 * @param seed    the seed of the initial values and of the per-epoch shuffles
 * @param threads worker threads, ≥ 1
 */
public record Execution(long seed, int threads) {

    /** {@link #seed()} by default. */
    public static final long SEED = 0;

    /** Seed 0, one worker per available processor. */
    public static final Execution DEFAULTS = new Execution(SEED, Runtime.getRuntime().availableProcessors());

    /** @throws IllegalArgumentException when threads &lt; 1 */
    public Execution {
        Checks.positive("threads", threads);
    }

    /** This execution with {@link #seed()} replaced. */
    public Execution withSeed(long value) {
        return new Execution(value, threads);
    }

    /** This execution with {@link #threads()} replaced. */
    public Execution withThreads(int value) {
        return new Execution(seed, value);
    }
}
