package geo.runtime.ode;

/**
 * The classical fourth-order Runge–Kutta method with n equal steps h = (t₁ − t₀)/n:
 * <pre>
 *   k₁ = f(t, y)            k₂ = f(t + h/2, y + h/2 k₁)
 *   k₃ = f(t + h/2, y + h/2 k₂)   k₄ = f(t + h, y + h k₃)
 *   y ← y + h/6 (k₁ + 2k₂ + 2k₃ + k₄)
 * </pre>
 * The global error is O(h⁴). Stage arrays are allocated once per instance; the step loop
 * allocates nothing. Not thread-safe.
 */
public final class Rk4 {

    private final OdeSystem system;
    private final double blowUp;
    private final double[] k1;
    private final double[] k2;
    private final double[] k3;
    private final double[] k4;
    private final double[] stage;

    /** An RK4 integrator for {@code system} with the default blow-up bound. */
    public Rk4(OdeSystem system) {
        this(system, StateGuard.DEFAULT_BLOW_UP);
    }

    /** An RK4 integrator that fails when some |yᵢ| exceeds {@code blowUp}. */
    public Rk4(OdeSystem system, double blowUp) {
        if (!(blowUp > 0)) {
            throw new IllegalArgumentException("the blow-up bound must be positive, got " + blowUp);
        }
        this.system = system;
        this.blowUp = blowUp;
        int n = system.dimension();
        k1 = new double[n];
        k2 = new double[n];
        k3 = new double[n];
        k4 = new double[n];
        stage = new double[n];
    }

    /**
     * Integrates from t₀ to t₁ (either direction) in {@code steps} equal steps.
     *
     * @param y the initial state (overwritten with the state at t₁)
     * @throws IntegrationException if the state stops being finite, blows up or leaves the domain
     */
    public void integrate(double t0, double[] y, double t1, int steps) {
        integrate(t0, y, t1, steps, null);
    }

    /**
     * As {@link #integrate(double, double[], double, int)}, calling {@code listener} (may be null)
     * after every step.
     */
    public void integrate(double t0, double[] y, double t1, int steps, StepListener listener) {
        if (steps < 1) {
            throw new IllegalArgumentException("RK4 needs at least one step, got " + steps);
        }
        if (y.length != system.dimension()) {
            throw new IllegalArgumentException("the state has length " + y.length + ", the system "
                    + system.dimension());
        }
        StateGuard.check(system, t0, y, 0, blowUp);
        double h = (t1 - t0) / steps;
        int n = y.length;
        for (int s = 0; s < steps; s++) {
            // t from the step index rather than by accumulation, so that rounding does not drift.
            double t = t0 + s * h;
            try {
                system.derivative(t, y, k1);
                for (int i = 0; i < n; i++) {
                    stage[i] = y[i] + 0.5 * h * k1[i];
                }
                system.derivative(t + 0.5 * h, stage, k2);
                for (int i = 0; i < n; i++) {
                    stage[i] = y[i] + 0.5 * h * k2[i];
                }
                system.derivative(t + 0.5 * h, stage, k3);
                for (int i = 0; i < n; i++) {
                    stage[i] = y[i] + h * k3[i];
                }
                system.derivative(t + h, stage, k4);
            } catch (ArithmeticException e) {
                throw StateGuard.kernelFailed(e, t, y, s);
            }
            for (int i = 0; i < n; i++) {
                y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            }
            double tEnd = s == steps - 1 ? t1 : t0 + (s + 1) * h;
            StateGuard.check(system, tEnd, y, s + 1, blowUp);
            if (listener != null) {
                listener.step(s + 1, tEnd, y);
            }
        }
    }
}
