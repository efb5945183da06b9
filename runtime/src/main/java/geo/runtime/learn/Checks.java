package geo.runtime.learn;

/** Range checks of option records, with the field's name in the message. */
public final class Checks {

    private Checks() {
    }

    /**
     * @return value
     * @throws IllegalArgumentException when value &lt; 1
     */
    public static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be ≥ 1, got " + value);
        }
        return value;
    }

    /**
     * @return value
     * @throws IllegalArgumentException when value is not positive and finite
     */
    public static double positive(String name, double value) {
        if (!(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
        }
        return value;
    }
}
