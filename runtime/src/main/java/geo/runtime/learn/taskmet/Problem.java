package geo.runtime.learn.taskmet;

import java.util.SplittableRandom;

/**
 * A predict-then-optimise problem (LODL's {@code PThenO}): a decision z(ŷ) made from predictions
 * and scored by an objective f(z, y) of the true targets, maximised.
 */
public interface Problem {

    /** The short name ({@code cubic}, {@code budget}, {@code portfolio}). */
    String name();

    /** The length of a decision z. */
    int decisionSize();

    /** f(z, y_i) for instance i of {@code s}. */
    double objective(Instances s, int i, double[] z);

    /** ∂f/∂z at (z, y_i) (overwritten). */
    void objectiveGradient(Instances s, int i, double[] z, double[] out);

    /** The differentiable training-time decision from ŷ (rows·d values). */
    Decision decide(Instances s, int i, double[] yhat, SplittableRandom random);

    /** The hard test-time decision from ŷ. */
    double[] hardDecision(Instances s, int i, double[] yhat, SplittableRandom random);
}
