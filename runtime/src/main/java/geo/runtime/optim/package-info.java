/**
 * Runtime library: optimisers. Step-wise ones for learning loops behind
 * {@link geo.runtime.optim.StepOptimiser}: {@link geo.runtime.optim.Adam} on flat {@code double[]}
 * parameters and {@link geo.runtime.optim.RiemannianAdam} on points of a
 * {@link geo.runtime.manifold.RiemannianSpace}; runs on a deterministic objective behind
 * {@link geo.runtime.optim.Minimizer}: {@link geo.runtime.optim.Lbfgs} (limited-memory BFGS with a
 * strong-Wolfe line search, e.g. for spline actions) and any step optimiser. They see the
 * objective only through {@link geo.runtime.optim.Objective}, and every run ends with an
 * {@link geo.runtime.optim.OptimResult} whose {@link geo.runtime.optim.Status} says why it
 * stopped: a run that did not converge is never reported as one that did. Imports no
 * {@code learn} package.
 */
package geo.runtime.optim;
