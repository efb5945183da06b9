/**
 * {@code geo-spark}: the command that runs Geo's distributed jobs ({@link geo.spark.GeoSpark}, with
 * the subcommands {@code dist} and {@code cost}), under {@code spark-submit} on a cluster or in
 * one JVM ({@code local[*]}) from {@code ./geo-spark}. The jobs themselves are in
 * {@link geo.spark.job}.
 */
package geo.spark;
