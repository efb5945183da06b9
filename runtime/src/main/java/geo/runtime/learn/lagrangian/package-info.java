/**
 * Optimal transport with Lagrangian costs around obstacles (Pooladian, Domingo-Enrich, Chen &amp;
 * Amos, "Neural Optimal Transport with Lagrangian Costs", UAI 2024, §2(i) of
 * {@code shared/experiments/lagrangian-ot.md}): the obstacle and GSB tasks with their samplers,
 * bounds and annealing ({@link geo.runtime.learn.lagrangian.Task}); minimal discrete-action paths
 * from several starts ({@link geo.runtime.learn.lagrangian.PathSolver}); the learned dual potential
 * g, the amortised c-transform map T and the spline-path amortiser (one head or K, {@link
 * geo.runtime.learn.lagrangian.Networks}), all compiled {@code .geo} fns
 * trained by {@link geo.runtime.learn.lagrangian.LagrangianOt}; the exact discrete baseline and the
 * evaluation ({@link geo.runtime.learn.lagrangian.Evaluation},
 * {@link geo.runtime.learn.lagrangian.AmortisationBenchmark}, whose amortised side evaluates and
 * refines many paths at once: {@code LaneAction}, {@code LaneLbfgs}, and by Newton's method with exact
 * Hessians, {@code LaneHessian}, {@code LaneNewton}). Imports only the runtime libraries
 * (transport, optim, spline) and nothing from another learning task.
 */
package geo.runtime.learn.lagrangian;
