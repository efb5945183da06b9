package geo.runtime.transport.cost;

/**
 * The path behind a cost, sampled at n equally spaced times of [0, 1]: {@code points[k]} is
 * γ(k/(n−1)); empty when {@code status} is not {@link EntryStatus#OK}.
 */
public record PathResult(EntryStatus status, double[][] points, String detail) {

    static PathResult failed(EntryResult r) {
        return new PathResult(r.status(), new double[0][], r.detail());
    }

    public boolean ok() {
        return status.ok();
    }
}
