/**
 * The Spark jobs and what their tasks run: {@link geo.spark.job.DistanceJob} (geodesic distances of
 * many pairs), {@link geo.spark.job.CostJob} (transport cost matrices in blocks of rows), the model
 * jar and θ that travel with a job ({@link geo.spark.job.ModelSpec}; θ files are read by
 * {@link geo.runtime.load.ParameterFile}),
 * the per-executor cache of loaded models and per-thread solvers ({@link geo.spark.job.ExecutorModels}),
 * the rows' statuses, progress and the summary. Data errors of a row become that row's status,
 * never a failed task.
 */
package geo.spark.job;
