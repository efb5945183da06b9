package geo.runtime.manifold;

import java.util.Objects;

/**
 * The outcome of one {@link EmbeddingSpace#distance} call: d(x, y) when it was computed
 * ({@link Status#OK}), or why it was not. A failed pair is a status with a reason, never a number:
 * {@link #value()} of a failure throws, and a caller that keeps per-pair numbers says what it
 * stores for a failure ({@link #valueOr}).
 *
 * @param status {@link Status#OK}, or the reason class of the failure
 * @param value  the distance, finite, when {@code status} is OK (NaN, and not readable, otherwise)
 * @param reason for a failure, what went wrong in words (the solver's own status and residual for
 *               a compiled metric); empty for a success
 */
public record PairDistance(Status status, double value, String reason) {

    /** Why a distance was or was not computed. */
    public enum Status {
        /** Computed: the value and the gradients the call wrote are finite. */
        OK,
        /**
         * The solver's iteration did not reach the target (iteration limit, singular Jacobian of
         * exp, no progress: the logarithm's {@code MAX_ITERATIONS}, {@code SINGULAR_JACOBIAN},
         * {@code NO_PROGRESS} of the shooting solver).
         */
        NOT_CONVERGED,
        /** The solve reached the target, but its error estimate in the metric exceeds the tolerance (the logarithm's {@code INACCURATE}). */
        INACCURATE,
        /** A geodesic was found but not certified to be the shortest (the logarithm's {@code NOT_MINIMAL}): its length is not the distance. */
        NOT_MINIMAL,
        /** The formula or the solve gave a value or a gradient that is not finite (overflow, 0/0). */
        NOT_FINITE,
        /**
         * The distance or its gradient is not defined there: a point outside the space's domain
         * (outside the open Poincaré ball, the origin of the sphere's ambient space), or antipodal
         * points of the sphere.
         */
        UNDEFINED,
        /** {@link RefinableSpace#distanceFromPath}: the space has no path guess, or could not make one for this pair. */
        NO_GUESS,
        /** Not attempted: the caller's evaluation had already failed at another pair (a wrapper that stops early). */
        SKIPPED
    }

    private static final String NONE = "";

    /**
     * @throws IllegalArgumentException when an OK outcome has a value that is not finite, or a
     *                                  failure has a value other than NaN
     */
    public PairDistance {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        if (status == Status.OK ? !Double.isFinite(value) : !Double.isNaN(value)) {
            throw new IllegalArgumentException(status == Status.OK
                    ? "an OK distance must be finite, got " + value
                    : "a failed distance (" + status + ") carries no value, got " + value);
        }
    }

    /** A computed distance d (finite). */
    public static PairDistance of(double d) {
        return new PairDistance(Status.OK, d, NONE);
    }

    /**
     * A distance that was not computed.
     *
     * @param status the failure's class (not {@link Status#OK})
     * @param reason what went wrong, for messages
     */
    public static PairDistance failed(Status status, String reason) {
        if (status == Status.OK) {
            throw new IllegalArgumentException("a failure needs a failure status, got OK (" + reason + ")");
        }
        return new PairDistance(status, Double.NaN, reason);
    }

    /**
     * The outcome of a formula or solve that wrote d and its gradients (read only): {@link #of}(d)
     * when d and every entry of {@code gx}, {@code gy} and {@code gTheta} are finite, else
     * {@link Status#NOT_FINITE} with {@code who} in the reason (overflow of huge coordinates,
     * underflow of a denominator, 0/0 at coincident points).
     */
    public static PairDistance checked(String who, double d, double[] gx, double[] gy, double[] gTheta) {
        return Double.isFinite(d) && finite(gx) && finite(gy) && finite(gTheta) ? of(d)
                : failed(Status.NOT_FINITE, who + ": the distance " + d + " or an entry of its gradients is not finite");
    }

    private static boolean finite(double[] v) {
        for (double a : v) {
            if (!Double.isFinite(a)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the distance was computed. */
    public boolean ok() {
        return status == Status.OK;
    }

    /**
     * The distance.
     *
     * @throws IllegalStateException when it was not computed (then there is no number to read)
     */
    @Override
    public double value() {
        if (status != Status.OK) {
            throw new IllegalStateException("no distance: " + status + ", " + reason);
        }
        return value;
    }

    /** The distance when it was computed, else {@code otherwise} (the caller's own marker of a failed pair). */
    public double valueOr(double otherwise) {
        return status == Status.OK ? value : otherwise;
    }

    @Override
    public String toString() {
        return status == Status.OK ? Double.toString(value) : status + " (" + reason + ")";
    }
}
