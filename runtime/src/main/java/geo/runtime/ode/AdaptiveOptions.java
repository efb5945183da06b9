package geo.runtime.ode;

/**
 * Settings of an adaptive integrator. A step is accepted when the scaled error estimate
 * err = √(1/n Σ (eᵢ / sᵢ)²) with sᵢ = atol + rtol · max(|yᵢ|, |yᵢ_new|) is at most 1.
 *
 * @param rtol        relative tolerance (finite, at least {@value Tolerances#MIN_RELATIVE})
 * @param atol        absolute tolerance (finite, ≥ 0)
 * @param initialStep the first step size, or 0 to choose it automatically (Hairer's estimate)
 * @param minStep     the smallest admissible |h| (the resolution of t is always a floor); 0 for none
 * @param maxStep     the largest admissible |h| (positive; infinity for none)
 * @param maxSteps    the largest number of attempted (accepted + rejected) steps
 * @param blowUp      the bound on |yᵢ| beyond which the state counts as blown up
 */
public record AdaptiveOptions(double rtol, double atol, double initialStep, double minStep, double maxStep,
                              int maxSteps, double blowUp) {

    /** The default limit on attempted steps. */
    public static final int DEFAULT_MAX_STEPS = 100_000;

    public AdaptiveOptions {
        Tolerances.relative("rtol", rtol);
        if (!(atol >= 0) || Double.isInfinite(atol)) {
            throw new IllegalArgumentException("atol must be finite and non-negative, got " + atol);
        }
        if (!(initialStep >= 0) || !(minStep >= 0) || !(maxStep > 0) || minStep > maxStep) {
            throw new IllegalArgumentException("need 0 ≤ minStep ≤ maxStep, maxStep > 0 and initialStep ≥ 0: "
                    + "initialStep = " + initialStep + ", minStep = " + minStep + ", maxStep = " + maxStep);
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be positive, got " + maxSteps);
        }
        if (!(blowUp > 0)) {
            throw new IllegalArgumentException("the blow-up bound must be positive, got " + blowUp);
        }
    }

    /** The given tolerances with automatic first step, no step limits, 100,000 steps and bound 1e10. */
    public static AdaptiveOptions of(double rtol, double atol) {
        return new AdaptiveOptions(rtol, atol, 0, 0, Double.POSITIVE_INFINITY, DEFAULT_MAX_STEPS,
                StateGuard.DEFAULT_BLOW_UP);
    }

    public AdaptiveOptions withInitialStep(double h) {
        return new AdaptiveOptions(rtol, atol, h, minStep, maxStep, maxSteps, blowUp);
    }

    public AdaptiveOptions withStepLimits(double min, double max) {
        return new AdaptiveOptions(rtol, atol, initialStep, min, max, maxSteps, blowUp);
    }

    public AdaptiveOptions withMaxSteps(int n) {
        return new AdaptiveOptions(rtol, atol, initialStep, minStep, maxStep, n, blowUp);
    }

    public AdaptiveOptions withBlowUp(double bound) {
        return new AdaptiveOptions(rtol, atol, initialStep, minStep, maxStep, maxSteps, bound);
    }
}
