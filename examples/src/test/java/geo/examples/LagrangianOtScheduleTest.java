package geo.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import geo.runtime.learn.Execution;
import geo.runtime.learn.population.LagrangianOt;
import geo.runtime.learn.population.Snapshots;
import geo.runtime.load.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Lagrangian-OT method's ends of training ({@link LagrangianOt.Options#schedule()},
 * {@link LagrangianOt.Options#averageTail()}): the cosine rate against its closed form, and the tail
 * average against the mean of the final θ of shorter runs (with a constant rate, step j of a run of S
 * steps is the last step of the run of j + 1 steps: the same plans, the same subsamples).
 */
class LagrangianOtScheduleTest {

    @Test
    void cosineRateFromTheFullRateToZero() {
        LagrangianOt.Options o = LagrangianOt.Options.DEFAULTS.withSteps(8)
                .withSchedule(LagrangianOt.Schedule.COSINE, 0);
        assertEquals(5e-3, o.learningRate(0), 0);
        assertEquals(2.5e-3, o.learningRate(4), 1e-18);
        assertEquals(5e-3 * 0.5 * (1 + Math.cos(Math.PI * 7 / 8)), o.learningRate(7), 1e-18);
        assertEquals(5e-3, LagrangianOt.Options.DEFAULTS.learningRate(299), 0);
        // ⌈0.25 · 8⌉ = 2 last iterates; ⌈0.2 · 8⌉ = ⌈1.6⌉ = 2
        assertEquals(2, o.withSchedule(LagrangianOt.Schedule.CONSTANT, 0.25).averagedSteps());
        assertEquals(2, o.withSchedule(LagrangianOt.Schedule.CONSTANT, 0.2).averagedSteps());
        assertThrows(IllegalArgumentException.class, () -> o.withSchedule(LagrangianOt.Schedule.CONSTANT, 1));
    }

    @Test
    void tailAverageIsTheMeanOfTheLastIterates() {
        Model model = SnapshotModels.load("lagrangian");
        Snapshots data = smallCircle();
        LagrangianOt.Options base = LagrangianOt.Options.DEFAULTS.withBatch(6)
                .withExecution(Execution.DEFAULTS.withSeed(3).withThreads(1));
        int steps = 7;
        // ⌈0.4 · 7⌉ = 3: the iterates after steps 4, 5 and 6
        LagrangianOt.Result averaged = LagrangianOt.train(model, data,
                base.withSteps(steps).withSchedule(LagrangianOt.Schedule.CONSTANT, 0.4), LagrangianOt.Listener.NONE);
        assertEquals(LagrangianOt.Status.DONE, averaged.status(), averaged.message());
        double[] mean = new double[averaged.theta().length];
        for (int n = steps - 2; n <= steps; n++) {
            LagrangianOt.Result r = LagrangianOt.train(model, data, base.withSteps(n), LagrangianOt.Listener.NONE);
            for (int j = 0; j < mean.length; j++) {
                mean[j] += r.theta()[j] / 3;
            }
        }
        // the running mean and the plain mean differ only by rounding
        assertArrayEquals(mean, averaged.theta(), 1e-14);
        LagrangianOt.Result last = LagrangianOt.train(model, data, base.withSteps(steps), LagrangianOt.Listener.NONE);
        double moved = 0;
        for (int j = 0; j < mean.length; j++) {
            moved = Math.max(moved, Math.abs(last.theta()[j] - averaged.theta()[j]));
        }
        // the average is not the last iterate (AdamW moves each weight by about the rate, 5e-3, a step)
        assertEquals(true, moved > 1e-3, "largest difference from the last iterate " + moved);
    }

    /** 4 snapshots of 8 points marching round the unit circle. */
    private static Snapshots smallCircle() {
        SplittableRandom r = new SplittableRandom(11);
        List<double[][]> snaps = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            double[][] pts = new double[8][];
            for (int i = 0; i < 8; i++) {
                double a = 2 * Math.PI * t / 12 + 0.1 * r.nextGaussian();
                double rad = 1 + 0.1 * r.nextGaussian();
                pts[i] = new double[] {rad * Math.cos(a), rad * Math.sin(a)};
            }
            snaps.add(pts);
        }
        return new Snapshots(2, List.of(snaps));
    }
}
