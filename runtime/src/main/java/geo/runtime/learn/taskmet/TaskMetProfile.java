package geo.runtime.learn.taskmet;

/**
 * Where a run's CPU time went (CPU time of the training thread, seconds) and how well the implicit
 * solves converged: the figures that say what an outer iteration costs and what the truncated CG
 * solve (torchopt's {@code solve_normal_cg} with a fixed iteration count) leaves unsolved.
 *
 * @param inner        the inner Adam steps (TaskMet) or the predictor steps (MSE, DFL)
 * @param taskGradient ℓ_task and ∂ℓ_task/∂θ through the differentiable decisions (TaskMet)
 * @param implicit     the CG solve on Hessian–vector products and the mixed product (TaskMet)
 * @param validation   the validation losses
 * @param test         the test predictions and the decision qualities
 * @param solves       implicit solves run (TaskMet; 0 otherwise)
 * @param meanResidual the mean relative residual ‖Hᵀb − (HᵀH + ρI)u‖/‖Hᵀb‖ of the solves (NaN when none)
 * @param maxResidual  the largest relative residual of the solves (NaN when none)
 */
public record TaskMetProfile(double inner, double taskGradient, double implicit, double validation, double test,
                             int solves, double meanResidual, double maxResidual) {
}
