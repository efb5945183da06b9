package geo.runtime.learn.population;

/**
 * The three synthetic sets of Scarvelis &amp; Solomon 2023, §5.1 ({@code metric-from-snapshots.md} §1a),
 * with the box their alignment is scored on (§1d).
 */
public enum Field {
    /** Four Gaussians on the unit circle, 24 snapshots moving counter-clockwise, closed (25 snapshots). */
    CIRCLE("circle", Box.UNIT),
    /** N(0, I) splitting into N((10, ±10), I), 10 snapshots (generated at scale 1, then ×10). */
    MASS_SPLITTING("mass-splitting", Box.MASS_SPLITTING),
    /** Two families, (−1, −1) → (1, 1) and (−1, 1) → (1, −1), 10 snapshots each. */
    X_PATHS("x-paths", Box.UNIT);

    private final String label;
    private final Box box;

    Field(String label, Box box) {
        this.label = label;
        this.box = box;
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
