package geo.cli.learn.embed;

import geo.cli.common.Progress;
import geo.runtime.learn.TrainingListener;
import geo.runtime.learn.embed.EpochStats;
import geo.runtime.learn.embed.EvaluationListener;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * A run's progress on the command's one bar (standard error): its epochs, then, in the bar's note,
 * each stage of the final evaluation with its pairs solved so far ("seed 0, final distances: pairs
 * on RK4 × 16 51200/132870"), which on a large graph takes minutes after the last epoch.
 */
final class EmbedProgress implements TrainingListener<EpochStats>, EvaluationListener {

    private final Progress bar;
    private final long before;
    private final long seed;
    private final LongAdder solved = new LongAdder();
    private volatile long epoch;
    private volatile String stage = "";
    private volatile long pairs;

    /**
     * @param bar    the command's training bar
     * @param before the epochs of earlier seeds on it
     */
    EmbedProgress(Progress bar, long before, long seed) {
        this.bar = bar;
        this.before = before;
        this.seed = seed;
    }

    @Override
    public void epoch(EpochStats e) {
        epoch = e.epoch();
        bar.set(before + e.epoch(), e.loss().isPresent()
                ? String.format(Locale.ROOT, "seed %d, loss %.4g", seed, e.loss().getAsDouble())
                : String.format(Locale.ROOT, "seed %d, no pair's loss", seed));
    }

    @Override
    public synchronized void stage(String what, long count) {
        solved.reset();
        stage = what;
        pairs = count;
        note();
    }

    @Override
    public void solved(long count) {
        solved.add(count);
        note();
    }

    private void note() {
        bar.set(before + epoch, String.format(Locale.ROOT, "seed %d, final distances: %s %d/%d", seed, stage,
                solved.sum(), pairs));
    }
}
