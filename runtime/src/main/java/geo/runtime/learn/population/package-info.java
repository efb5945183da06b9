/**
 * Learning a metric from population snapshots (issue 18): the alignment score of Scarvelis &amp;
 * Solomon 2023 / Pooladian et al. 2024 ({@link geo.runtime.learn.population.Alignment}), the three
 * synthetic snapshot sets generated as geodesics of a true metric or, as the original code made them,
 * as flows of fitted velocity networks ({@link geo.runtime.learn.population.SnapshotGenerator},
 * {@link geo.runtime.learn.population.VelocityPaths}), snapshot files
 * ({@link geo.runtime.learn.population.Snapshots}), and the two learning methods: the Lagrangian-OT
 * method with an exact discrete OT in place of the neural dual
 * ({@link geo.runtime.learn.population.LagrangianOt}) and Scarvelis &amp; Solomon's alternating
 * dual-potential scheme ({@link geo.runtime.learn.population.Scarvelis}). A task package: it imports
 * {@code geo.runtime.learn} and the libraries, never another task.
 */
package geo.runtime.learn.population;
