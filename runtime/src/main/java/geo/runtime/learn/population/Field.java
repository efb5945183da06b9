package geo.runtime.learn.population;

/**
 * The three synthetic sets of Scarvelis &amp; Solomon 2023, §5.1 ({@code metric-from-snapshots.md} §1a),
 * with the box their alignment is scored on (§1d).
 */
public enum Field {
    /** Four Gaussians on the unit circle, 24 snapshots moving counter-clockwise, closed (25 snapshots). */
    CIRCLE("circle", Box.UNIT, 1, SnapshotGenerator.Paths.GEODESIC),
    /** N(0, I) splitting into N((10, ±10), I), 10 snapshots (generated at scale 1, then ×10). */
    MASS_SPLITTING("mass-splitting", Box.MASS_SPLITTING, 1, SnapshotGenerator.Paths.NETWORK),
    /** Two families, (−1, −1) → (1, 1) and (−1, 1) → (1, −1), 10 snapshots each. */
    X_PATHS("x-paths", Box.UNIT, 1.25, SnapshotGenerator.Paths.NETWORK);

    private final String label;
    private final Box box;
    private final double codeFieldScale;
    private final SnapshotGenerator.Paths paths;

    Field(String label, Box box, double codeFieldScale, SnapshotGenerator.Paths paths) {
        this.label = label;
        this.box = box;
        this.codeFieldScale = codeFieldScale;
        this.paths = paths;
    }

    /**
     * The length of the original data-generation code's v relative to the true model's unit-length
     * ṽ: 1.25 for X Paths, whose code does not normalise v (|v| ≤ 1.25; the model, as lagrangian-ot's
     * {@code ScarvelisMetric}, divides by 1.25), 1 for the others.
     */
    public double codeFieldScale() {
        return codeFieldScale;
    }

    /**
     * How {@code geo snapshots} makes this set's trajectories by default: the one whose data match the
     * statistics of {@code metric-from-snapshots.md} §1a (README of {@code examples/snapshots}).
     */
    public SnapshotGenerator.Paths defaultPaths() {
        return paths;
    }

    /** The command-line name, also the base name of the true field's model ({@code circle.geo}, …). */
    public String label() {
        return label;
    }

    /** The box the alignment is scored on. */
    public Box box() {
        return box;
    }

    /** The field of a label, or null. */
    public static Field of(String label) {
        for (Field f : values()) {
            if (f.label.equals(label)) {
                return f;
            }
        }
        return null;
    }
}
