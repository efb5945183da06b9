package geo.runtime.learn.taskmet;

/** How the predictor is trained. */
public enum Method {
    /** Adam on the mean squared prediction error. */
    MSE,
    /** Decision-focused learning: Adam on −f(z(ŷ), y) + α·MSE through the differentiable decision. */
    DFL,
    /** The bilevel TaskMet loop: the predictor on the Λ-weighted loss, the metric on the task loss. */
    TASKMET;

    /** The lower-case key ({@code mse}, {@code dfl}, {@code taskmet}). */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The method of a key, or null. */
    public static Method of(String key) {
        for (Method m : values()) {
            if (m.key().equals(key)) {
                return m;
            }
        }
        return null;
    }
}
