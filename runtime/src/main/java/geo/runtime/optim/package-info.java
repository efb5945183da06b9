/**
 * Runtime stage: optimisers on flat {@code double[]} parameters. {@link geo.runtime.optim.Lbfgs}
 * (limited-memory BFGS with a strong-Wolfe line search) minimises smooth deterministic objectives
 * such as spline actions; {@link geo.runtime.optim.Adam} steps stochastic gradients in learning
 * loops. Both see the objective only through {@link geo.runtime.optim.Objective}, and every run
 * ends with an {@link geo.runtime.optim.OptimResult} whose {@link geo.runtime.optim.Status} says
 * why it stopped: a run that did not converge is never reported as one that did.
 */
package geo.runtime.optim;
