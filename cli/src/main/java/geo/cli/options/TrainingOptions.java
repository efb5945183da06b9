package geo.cli.options;

import geo.cli.common.UsageException;
import geo.runtime.learn.Execution;
import geo.runtime.learn.Stopping;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options every training command shares (a picocli mixin): {@code --epochs}, {@code --patience}
 * and {@code --seed}. Their defaults are the constants of {@link Stopping} and {@link Execution},
 * written nowhere else.
 */
public final class TrainingOptions {

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "" + Stopping.MAX_EPOCHS,
            description = "The most epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--patience", paramLabel = "N", defaultValue = "" + Stopping.PATIENCE,
            description = "Stop after N epochs without a " + Stopping.MIN_IMPROVEMENT + " relative improvement "
                    + "(default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--seed", paramLabel = "S", split = ",",
            description = "The seed, or (where a command runs several) seeds, comma-separated: one run each, then mean "
                    + "and standard deviation "
                    + "(default: " + Execution.SEED + ").")
    List<Long> seeds = List.of(Execution.SEED);

    /** The most epochs. */
    public int epochs() {
        return epochs;
    }

    /** The seeds, one run each, in the order given. */
    public List<Long> seeds() {
        return List.copyOf(seeds);
    }

    /** The one seed of a command that trains once; a usage error when several were given. */
    public long seed() throws UsageException {
        if (seeds.size() != 1) {
            throw new UsageException("--seed takes one seed here, got " + seeds.size());
        }
        return seeds.get(0);
    }

    /**
     * The stopping rules of --epochs and --patience.
     *
     * @throws IllegalArgumentException if a value is out of range (the record's own check)
     */
    public Stopping stopping() {
        return Stopping.DEFAULTS.withMaxEpochs(epochs).withPatience(patience);
    }
}
