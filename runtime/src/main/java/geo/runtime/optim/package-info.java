/**
 * Runtime library: optimisers and linear solves. Step-wise optimisers for learning loops behind
 * {@link geo.runtime.optim.StepOptimiser}: {@link geo.runtime.optim.Adam} and
 * {@link geo.runtime.optim.AdamW} (decoupled weight decay, a rate a schedule may change, global-norm
 * clipping) on flat {@code double[]} parameters and {@link geo.runtime.optim.RiemannianAdam} on
 * points of a {@link geo.runtime.manifold.RiemannianSpace}; runs on a deterministic objective behind
 * {@link geo.runtime.optim.Minimizer}: {@link geo.runtime.optim.Lbfgs} (limited-memory BFGS with a
 * strong-Wolfe line search, e.g. for spline actions; also one step at a time through
 * {@link geo.runtime.optim.Lbfgs#start}) and any step optimiser. They see the objective only
 * through {@link geo.runtime.optim.Objective}, and every run ends with an
 * {@link geo.runtime.optim.OptimResult} whose {@link geo.runtime.optim.Status} says why it
 * stopped: a run that did not converge is never reported as one that did.
 * {@link geo.runtime.optim.ConjugateGradient} solves with matrix-free
 * {@link geo.runtime.optim.LinearOperator}s (plain, or on the normal equations with a ridge), and
 * {@link geo.runtime.optim.ImplicitGradient} gives hypergradients of bilevel problems from
 * Hessian–vector products ({@link geo.runtime.optim.LossHessian}: those of a compiled loss over
 * data rows). Imports no {@code learn} package.
 */
package geo.runtime.optim;
