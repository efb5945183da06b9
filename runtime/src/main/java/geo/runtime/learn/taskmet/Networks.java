package geo.runtime.learn.taskmet;

import geo.runtime.api.FunctionKernels;
import geo.runtime.api.LossKernels;

/**
 * The compiled models of a TaskMet run, over one parameter vector θ = (predictor parameters,
 * metric parameters) in the order of the {@code .geo} file (a fn's θ is every parameter of the
 * file, in the same order as a loss's):
 * <ul>
 *   <li>{@code predictor}: fn ŷ_θ(x) of one row, F inputs, d outputs;</li>
 *   <li>{@code predictionLoss}: loss ℓ(x, y) = (ŷ_θ(x) − y)ᵀ Λ_φ(x) (ŷ_θ(x) − y) of one row, inputs
 *       (x, y) = F + d scalars; its gradient drives the inner problem and its Hessian–vector
 *       products the implicit hypergradient ({@link geo.runtime.optim.LossHessian});</li>
 *   <li>{@code weight}: fn Λ_φ(x) of one row (d = 1 problems; for figures), or null.</li>
 * </ul>
 *
 * @param predictor  the predictor fn
 * @param predictionLoss the Λ-weighted prediction loss
 * @param weight     the metric fn, or null
 * @param predictorParameters the θ indices of the predictor's parameters, in order
 * @param metricParameters    the θ indices of φ, in order (disjoint)
 * @param initial    θ₀ (copied)
 */
public record Networks(FunctionKernels predictor, LossKernels predictionLoss, FunctionKernels weight,
                       int[] predictorParameters, int[] metricParameters, double[] initial) {

    public Networks {
        predictorParameters = predictorParameters.clone();
        metricParameters = metricParameters.clone();
        initial = initial.clone();
        boolean[] seen = new boolean[initial.length];
        for (int[] block : new int[][] {predictorParameters, metricParameters}) {
            for (int k : block) {
                if (k < 0 || k >= initial.length || seen[k]) {
                    throw new IllegalArgumentException("parameter index " + k + " is out of range or repeated");
                }
                seen[k] = true;
            }
        }
        if (predictorParameters.length == 0) {
            throw new IllegalArgumentException("the predictor has no parameters");
        }
    }
}
