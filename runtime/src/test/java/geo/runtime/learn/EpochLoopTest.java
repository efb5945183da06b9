package geo.runtime.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The shared epoch loop on a scripted task: stopping rules, the best-epoch restore, failures. */
class EpochLoopTest {

    record Stats(int epoch, OptionalDouble loss) implements EpochSummary {
    }

    /**
     * A task whose epoch e has loss losses[e−1] (none where that entry is null: nothing evaluated) and
     * leaves state {e}; fails at epoch failAt.
     */
    static class Scripted implements EpochLoop.Task<Stats> {
        final Double[] losses;
        final int failAt;
        final double[] state = {0};

        Scripted(int failAt, Double... losses) {
            this.losses = losses;
            this.failAt = failAt;
        }

        Scripted(int failAt, double... losses) {
            this(failAt, java.util.Arrays.stream(losses).boxed().toArray(Double[]::new));
        }

        @Override
        public Optional<String> epoch(int epoch) {
            state[0] = epoch;
            return epoch == failAt ? Optional.of("epoch " + epoch + ": scripted failure") : Optional.empty();
        }

        @Override
        public Stats stats(int epoch) {
            Double l = losses[epoch - 1];
            return new Stats(epoch, l == null ? OptionalDouble.empty() : OptionalDouble.of(l));
        }

        @Override
        public List<double[]> state() {
            return List.of(state);
        }
    }

    @Test
    void runsToTheEpochLimitAndRestoresTheLowestLoss() {
        Scripted task = new Scripted(0, 5, 3, 1, 2, 4);
        List<Stats> seen = new ArrayList<>();
        EpochLoop.Outcome<Stats> o = EpochLoop.run(task, Stopping.DEFAULTS.withMaxEpochs(5), seen::add);
        assertEquals(TrainingStatus.MAX_EPOCHS, o.status());
        assertEquals(5, seen.size());
        assertEquals(3, o.kept());
        assertArrayEquals(new double[] {3}, task.state, 0.0);
        assertEquals("stopped after 5 epochs with loss 4.0 (best 1.0); returning epoch 3, the lowest loss 1.0",
                o.message());
    }

    @Test
    void withoutRestoreTheLastEpochIsKept() {
        Scripted task = new Scripted(0, 5, 3, 1, 2, 4);
        EpochLoop.Outcome<Stats> o = EpochLoop.run(task, Stopping.DEFAULTS.withMaxEpochs(5).withRestoreBest(false),
                TrainingListener.none());
        assertEquals(5, o.kept());
        assertArrayEquals(new double[] {5}, task.state, 0.0);
    }

    @Test
    void patienceEndsARunThatStopsImproving() {
        Scripted task = new Scripted(0, 4, 2, 1.9999, 2, 3, 1, 1);
        EpochLoop.Outcome<Stats> o = EpochLoop.run(task, Stopping.DEFAULTS.withPatience(3).withMinImprovement(0.01),
                TrainingListener.none());
        assertEquals(TrainingStatus.CONVERGED, o.status());
        assertEquals(5, o.history().size());
        assertTrue(o.message().startsWith("epoch 5: no relative improvement of 0.01 on the best loss 2.0 for 3 epochs"),
                o.message());
        assertEquals(3, o.kept());
    }

    @Test
    void aFailedEpochEndsTheRunAndIsNeverKept() {
        Scripted task = new Scripted(3, 5, 3, 0.5, 2);
        EpochLoop.Outcome<Stats> o = EpochLoop.run(task, Stopping.DEFAULTS, TrainingListener.none());
        assertEquals(TrainingStatus.FAILED, o.status());
        assertEquals(3, o.history().size());
        assertEquals(2, o.kept());
        assertTrue(o.message().startsWith("epoch 3: scripted failure; returning epoch 2"), o.message());
        assertArrayEquals(new double[] {2}, task.state, 0.0);
    }

    @Test
    void optionRecordsRefuseValuesOutOfRange() {
        assertEquals("maxEpochs must be ≥ 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> Stopping.DEFAULTS.withMaxEpochs(0)).getMessage());
        assertEquals("threads must be ≥ 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> Execution.DEFAULTS.withThreads(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Stopping.DEFAULTS.withMinImprovement(1));
        assertThrows(IllegalArgumentException.class, () -> Stopping.DEFAULTS.withMaxFailureFraction(-0.1));
    }

    /** A task's own convergence test ends the loop as CONVERGED with its message, after that epoch. */
    @Test
    void aTaskThatConvergesStopsTheLoop() {
        Scripted task = new Scripted(0, 5, 3, 1, 2, 4) {
            @Override
            public Optional<String> converged() {
                return state[0] == 2 ? Optional.of("epoch 2: gradient below tolerance") : Optional.empty();
            }
        };
        EpochLoop.Outcome<Stats> o = EpochLoop.run(task, Stopping.DEFAULTS.withMaxEpochs(5), s -> { });
        assertEquals(TrainingStatus.CONVERGED, o.status());
        assertEquals(2, o.history().size());
        assertEquals("epoch 2: gradient below tolerance", o.message());
    }

    @Test
    void cosineScheduleRunsFromTheBaseRateToTheEndFraction() {
        Schedule s = new Schedule(Schedule.Kind.COSINE, 0.1);
        assertEquals(1.0, s.factor(0, 100), 0.0);
        assertEquals(0.1 + 0.9 * 0.5, s.factor(50, 100), 1e-15);
        assertEquals(0.1, s.factor(100, 100), 1e-15);
        assertEquals(1.0, Schedule.DEFAULTS.factor(70, 100), 0.0);
        assertThrows(IllegalArgumentException.class, () -> new Schedule(Schedule.Kind.COSINE, 1.5));
    }

    /** An epoch without a loss (nothing evaluated) is never kept, never an improvement, and counts towards patience. */
    @Test
    void anEpochWithoutALossIsNeitherKeptNorAnImprovement() {
        Scripted task = new Scripted(0, 3.0, null, 2.0, null, null);
        EpochLoop.Outcome<Stats> out = EpochLoop.run(task, Stopping.DEFAULTS.withMaxEpochs(5).withPatience(2),
                e -> { });
        assertEquals(TrainingStatus.CONVERGED, out.status(), out.message());
        assertEquals(5, out.history().size());
        assertEquals(3, out.kept());
        assertEquals(3.0, task.state[0]);
        assertTrue(out.message().contains("the best loss 2.0"), out.message());

        Scripted none = new Scripted(0, new Double[] {null, null});
        EpochLoop.Outcome<Stats> empty = EpochLoop.run(none, Stopping.DEFAULTS.withMaxEpochs(2).withPatience(5),
                e -> { });
        assertEquals("stopped after 2 epochs with loss none (best Infinity)", empty.message());
    }
}
