package geo.cli.options;

import geo.cli.common.UsageException;
import picocli.CommandLine.Option;

/** {@code --threads N} (a picocli mixin): worker threads, 1 to {@value #MAX}, by default one per processor. */
public final class ThreadsOption {

    /** The most worker threads (a pool of 100000000 threads ran out of memory). */
    public static final int MAX = 256;

    @Option(names = "--threads", paramLabel = "N",
            description = "Worker threads, 1 to 256 (default: the number of processors).")
    Integer threads;

    /** Whether --threads was given. */
    public boolean given() {
        return threads != null;
    }

    /** The threads asked for, or the number of processors; a usage error outside 1 to {@value #MAX}. */
    public int workers() throws UsageException {
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (workers < 1) {
            throw new UsageException("--threads must be at least 1, got " + workers);
        }
        if (workers > MAX) {
            throw new UsageException("--threads must be at most " + MAX + ", got " + workers);
        }
        return workers;
    }
}
