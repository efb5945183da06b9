package geo.runtime.learn.taskmet;

import java.util.List;

/**
 * The outcome of a run, evaluated on the test split with the parameters of the best validation loss.
 *
 * @param status        how it ended
 * @param message       one line on the status
 * @param quality       DQ, DQ_rand and DQ_opt on the test split
 * @param testMse       the mean squared prediction error on the test split (over all targets)
 * @param iterations    the outer iterations run
 * @param bestIteration the iteration of the best validation loss
 * @param seconds       the wall time of training and testing
 * @param cpuSeconds    the CPU time of the training thread (the figure to compare on a loaded machine)
 * @param theta         the tested parameters
 * @param trace         (iteration, validation loss) at every validation
 * @param profile       the CPU time per phase and the residuals of the implicit solves
 */
public record TaskMetResult(TaskMetStatus status, String message, DecisionQuality quality, double testMse,
                            int iterations, int bestIteration, double seconds, double cpuSeconds, double[] theta,
                            List<double[]> trace, TaskMetProfile profile) {

    public TaskMetResult {
        theta = theta.clone();
        trace = List.copyOf(trace);
    }

    /** The normalised decision quality. */
    public double normalizedDq() {
        return quality.normalised();
    }
}
