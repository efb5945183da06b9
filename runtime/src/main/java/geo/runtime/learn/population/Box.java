package geo.runtime.learn.population;

/**
 * An axis-aligned box [xmin, xmax] × [ymin, ymax] of the plane, where an alignment score is evaluated.
 *
 * @param xmin the left edge
 * @param xmax the right edge, greater than xmin
 * @param ymin the bottom edge
 * @param ymax the top edge, greater than ymin
 */
public record Box(double xmin, double xmax, double ymin, double ymax) {

    /** The Circle and X Paths box of Scarvelis &amp; Solomon's §5.1 (and lagrangian-ot's bounds): [−1.5, 1.5]². */
    public static final Box UNIT = new Box(-1.5, 1.5, -1.5, 1.5);
    /** The Mass Splitting box, x ∈ [−2.5, 15], y ∈ [−15, 15] (lagrangian-ot's {@code scarvelis_vee} bounds; it gives 0.839). */
    public static final Box MASS_SPLITTING = new Box(-2.5, 15, -15, 15);

    public Box {
        if (!(Double.isFinite(xmin) && Double.isFinite(xmax) && Double.isFinite(ymin) && Double.isFinite(ymax))) {
            throw new IllegalArgumentException("the box edges must be finite numbers");
        }
        if (!(xmin < xmax && ymin < ymax)) {
            throw new IllegalArgumentException("the box needs xmin < xmax and ymin < ymax, got " + this);
        }
    }

    /** The i-th of n equally spaced values from lo to hi inclusive ({@code numpy.linspace}). */
    static double linspace(double lo, double hi, int n, int i) {
        return n == 1 ? lo : lo + (hi - lo) * i / (n - 1);
    }

    @Override
    public String toString() {
        return xmin + "," + xmax + "," + ymin + "," + ymax;
    }
}
