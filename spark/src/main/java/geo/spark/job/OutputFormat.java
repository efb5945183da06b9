package geo.spark.job;

/** How a job writes its dataset: Parquet (the default; typed, compressed, read back by column) or CSV with a header. */
public enum OutputFormat {
    PARQUET,
    CSV;
}
