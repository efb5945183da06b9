package geo.runtime.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The epoch loop every learning task runs: epochs until {@link Stopping#maxEpochs()}, early
 * stopping by patience on the epoch loss (converged when the loss has not dropped below
 * (1 − {@link Stopping#minImprovement()}) times its best value for {@link Stopping#patience()}
 * epochs) or by the task's own convergence test ({@link Task#converged()}), a stop at the first
 * failed epoch, and — with {@link Stopping#restoreBest()} — a
 * snapshot of the task's state after the epoch with the lowest loss, put back when a later epoch
 * ended the run.
 *
 * <p>A task supplies the epoch itself (its batches and optimiser steps), its statistics, and the
 * arrays that make up its trained state; the loop owns no numerics, so the same rules hold for
 * every task.
 */
public final class EpochLoop {

    private EpochLoop() {
    }

    /**
     * One training run as the loop sees it.
     *
     * @param <S> the task's epoch statistics
     */
    public interface Task<S extends EpochSummary> {

        /**
         * Runs one epoch.
         *
         * @return empty, or why the run failed (one line, starting with {@code "epoch N: "})
         */
        Optional<String> epoch(int epoch);

        /** The statistics of the epoch just run (or cut short). */
        S stats(int epoch);

        /**
         * The arrays that hold the trained state (modified by {@link #epoch}); the loop copies
         * them after the best epoch and copies them back at the end. The same arrays every call.
         */
        List<double[]> state();

        /**
         * Whether the task's own convergence test passed in the epoch just run (e.g. L-BFGS's
         * gradient test): the loop then stops with {@link TrainingStatus#CONVERGED} and this message.
         * Tasks without such a test keep the default, empty.
         */
        default Optional<String> converged() {
            return Optional.empty();
        }
    }

    /**
     * How a run ended.
     *
     * @param status  why it stopped
     * @param message one line on the status: the epoch and loss, or what failed and where
     * @param history the statistics of every epoch run
     * @param kept    the epoch whose state the task now holds: the lowest loss when
     *                {@link Stopping#restoreBest()} holds, else the last (0: none ran)
     * @param <S>     the task's epoch statistics
     */
    public record Outcome<S extends EpochSummary>(TrainingStatus status, String message, List<S> history, int kept) {
    }

    /** Runs {@code task} under {@code stopping}, telling {@code listener} about every epoch. */
    public static <S extends EpochSummary> Outcome<S> run(Task<S> task, Stopping stopping,
                                                         TrainingListener<? super S> listener) {
        List<S> history = new ArrayList<>();
        TrainingStatus status = TrainingStatus.MAX_EPOCHS;
        String message = null;
        double best = Double.POSITIVE_INFINITY;
        int sinceBest = 0;
        List<double[]> kept = null;
        int keptEpoch = 0;
        for (int epoch = 1; epoch <= stopping.maxEpochs() && message == null; epoch++) {
            message = task.epoch(epoch).orElse(null);
            S stats = task.stats(epoch);
            history.add(stats);
            listener.epoch(stats);
            // an epoch that evaluated nothing has no loss: it is never kept and never an improvement
            if (stopping.restoreBest() && message == null && stats.loss().isPresent()
                    && (kept == null || stats.loss().getAsDouble() < history.get(keptEpoch - 1).loss().getAsDouble())) {
                kept = copy(task.state(), kept);
                keptEpoch = epoch;
            }
            Optional<String> done = message == null ? task.converged() : Optional.empty();
            if (message != null) {
                status = TrainingStatus.FAILED;
            } else if (done.isPresent()) {
                status = TrainingStatus.CONVERGED;
                message = done.get();
            } else if (stats.loss().isPresent() && stats.loss().getAsDouble() < best * (1 - stopping.minImprovement())) {
                best = stats.loss().getAsDouble();
                sinceBest = 0;
            } else if (++sinceBest >= stopping.patience()) {
                status = TrainingStatus.CONVERGED;
                message = "epoch " + epoch + ": no relative improvement of " + stopping.minImprovement()
                        + " on the best loss " + best + " for " + stopping.patience() + " epochs";
            }
        }
        if (message == null) {
            message = "stopped after " + stopping.maxEpochs() + " epochs with loss "
                    + lossText(history.get(history.size() - 1)) + " (best " + best + ")";
        }
        if (kept != null && keptEpoch != history.size()) {
            List<double[]> state = task.state();
            for (int k = 0; k < state.size(); k++) {
                System.arraycopy(kept.get(k), 0, state.get(k), 0, state.get(k).length);
            }
            message += "; returning epoch " + keptEpoch + ", the lowest loss " + lossText(history.get(keptEpoch - 1));
        } else {
            keptEpoch = history.size();
        }
        return new Outcome<>(status, message, List.copyOf(history), keptEpoch);
    }

    /** Copies {@code state} into {@code into} (same shapes), or into new arrays when it is null. */
    private static List<double[]> copy(List<double[]> state, List<double[]> into) {
        if (into == null) {
            List<double[]> out = new ArrayList<>(state.size());
            for (double[] a : state) {
                out.add(a.clone());
            }
            return out;
        }
        for (int k = 0; k < state.size(); k++) {
            System.arraycopy(state.get(k), 0, into.get(k), 0, state.get(k).length);
        }
        return into;
    }

    /** An epoch's loss as the messages print it: the number, or "none" when the epoch evaluated nothing. */
    private static String lossText(EpochSummary s) {
        return s.loss().isPresent() ? String.valueOf(s.loss().getAsDouble()) : "none";
    }
}
