package geo.spark.job;

/**
 * A mistake in a job's set-up that the user must fix (a missing file or column, a model without a
 * metric, an unknown parameter): the command prints the message and exits 64. Problems of single
 * rows are never this: they become the row's status.
 */
public final class JobException extends Exception {

    private static final long serialVersionUID = 1L;

    public JobException(String message) {
        super(message);
    }
}
