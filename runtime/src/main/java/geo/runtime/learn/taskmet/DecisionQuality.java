package geo.runtime.learn.taskmet;

import java.util.SplittableRandom;

/**
 * Decision quality as TaskMet's {@code workspace.py::test} and LODL's {@code DQ} compute it, on
 * hard test decisions: DQ(ŷ) = mean over test instances of f(z_hard(ŷ_i), y_i); DQ_rand the mean
 * over 10 draws of DQ with ŷ ~ U[0, 1] elementwise ({@code torch.rand_like(Y)}); DQ_opt the DQ of
 * decisions from the true y (for Budget the same ascent solver, so not a certified optimum).
 * The normalised decision quality is (DQ − DQ_rand)/(DQ_opt − DQ_rand): 1 is optimal, 0 random.
 *
 * @param model   DQ of the model's predictions
 * @param random  DQ_rand
 * @param optimal DQ_opt
 */
public record DecisionQuality(double model, double random, double optimal) {

    /** The number of random draws of DQ_rand. */
    public static final int RANDOM_DRAWS = 10;

    /** (DQ − DQ_rand)/(DQ_opt − DQ_rand). */
    public double normalised() {
        return (model - random) / (optimal - random);
    }

    /**
     * DQ, DQ_rand and DQ_opt on {@code test} for the predictions {@code yhat[i]} (rows·d each); the
     * random draws and any randomised solver start come from {@code seed}.
     */
    public static DecisionQuality evaluate(Problem problem, Instances test, double[][] yhat, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double model = mean(problem, test, yhat, random);
        double rand = 0;
        for (int draw = 0; draw < RANDOM_DRAWS; draw++) {
            double[][] u = new double[test.count()][];
            for (int i = 0; i < u.length; i++) {
                u[i] = new double[test.y()[i].length];
                for (int k = 0; k < u[i].length; k++) {
                    u[i][k] = random.nextDouble();
                }
            }
            rand += mean(problem, test, u, random) / RANDOM_DRAWS;
        }
        double optimal = mean(problem, test, test.y(), random);
        return new DecisionQuality(model, rand, optimal);
    }

    private static double mean(Problem problem, Instances s, double[][] yhat, SplittableRandom random) {
        double sum = 0;
        for (int i = 0; i < s.count(); i++) {
            sum += problem.objective(s, i, problem.hardDecision(s, i, yhat[i], random));
        }
        return sum / s.count();
    }
}
