/**
 * Deterministic parallel evaluation: {@link geo.runtime.parallel.WorkerPool}, one pool of worker
 * threads with per-thread state, whose jobs write per-chunk slots that the caller reduces in a
 * fixed order, so results never depend on the thread count. Used by the graph embedding's pair
 * evaluator and by the distance batches of {@code bvp}. Runtime library: imports no {@code learn}
 * package.
 */
package geo.runtime.parallel;
