package geo.runtime.ode;

/**
 * The adaptive Dormand–Prince 5(4) method (Dormand &amp; Prince 1980; Hairer, Nørsett &amp; Wanner,
 * <i>Solving ODEs I</i>, §II.4–5): seven stages with first-same-as-last, local extrapolation (the
 * solution is the fifth-order one), the embedded fourth-order solution for the error estimate
 * err = √(1/n Σ (eᵢ / (atol + rtol · max(|yᵢ|, |yᵢ_new|)))²), step-size control
 * h_new = h · clamp(0.9 · err^(−0.17) · err_prev^(0.04), 0.2, 10) (Hairer's stabilised PI
 * controller) and the fourth-order continuous extension (Hairer's {@code contd5}):
 * <pre>
 *   y(t₀ + σh) = r₁ + σ (r₂ + (1−σ)(r₃ + σ (r₄ + (1−σ) r₅)))
 *   r₁ = y₀, r₂ = y₁ − y₀, r₃ = h k₁ − r₂, r₄ = r₂ − h k₇ − r₃, r₅ = h Σ dᵢ kᵢ.
 * </pre>
 *
 * <p>A step whose error estimate is not finite (a stage evaluated where the system is undefined,
 * or where a kernel threw an ArithmeticException) is rejected and retried with a five times
 * smaller step; if the step size then underflows the failure is reported as NOT_FINITE (or
 * KERNEL_FAILED, with the kernel's exception as the cause). Stage arrays are allocated once per instance and the step loop
 * allocates nothing. Not thread-safe.
 */
public final class DormandPrince54 implements DenseOutput {

    // The coefficients of the method are data in one place, Tableau.DOPRI5 (its six stages give the
    // fifth-order solution; the seventh, first-same-as-last stage is f at that solution). The
    // written-out step below names them, so it reads no array.
    private static final Tableau T = Tableau.DOPRI5;
    private static final double C2 = T.c(1), C3 = T.c(2), C4 = T.c(3), C5 = T.c(4);
    private static final double A21 = T.a(1, 0);
    private static final double A31 = T.a(2, 0), A32 = T.a(2, 1);
    private static final double A41 = T.a(3, 0), A42 = T.a(3, 1), A43 = T.a(3, 2);
    private static final double A51 = T.a(4, 0), A52 = T.a(4, 1), A53 = T.a(4, 2), A54 = T.a(4, 3);
    private static final double A61 = T.a(5, 0), A62 = T.a(5, 1), A63 = T.a(5, 2), A64 = T.a(5, 3),
            A65 = T.a(5, 4);
    /** The fifth-order weights b (b₂ = 0, so k₂ is skipped). */
    private static final double A71 = T.b(0), A73 = T.b(2), A74 = T.b(3), A75 = T.b(4), A76 = T.b(5);
    /** eᵢ = bᵢ − b̂ᵢ: fifth- minus fourth-order weights. */
    private static final double E1 = 71.0 / 57600, E3 = -71.0 / 16695, E4 = 71.0 / 1920, E5 = -17253.0 / 339200,
            E6 = 22.0 / 525, E7 = -1.0 / 40;
    /** Coefficients of the continuous extension (Hairer's dopri5.f). */
    private static final double D1 = -12715105075.0 / 11282082432.0, D3 = 87487479700.0 / 32700410799.0,
            D4 = -10690763975.0 / 1880347072.0, D5 = 701980252875.0 / 199316789632.0,
            D6 = -1453857185.0 / 822651844.0, D7 = 69997945.0 / 29380423.0;
    private static final double SAFETY = 0.9;
    private static final double BETA = 0.04;
    private static final double EXPONENT = 0.2 - BETA * 0.75;
    /** Bounds of h / h_new: the step shrinks at most 5× and grows at most 10× per step. */
    private static final double FAC_SHRINK = 5.0, FAC_GROW = 0.1;
    private static final double UROUND = 2.220446049250313e-16;

    private final OdeSystem system;
    private final AdaptiveOptions options;
    private final int n;
    private double[] k1;
    private final double[] k2, k3, k4, k5, k6;
    private double[] k7;
    private final double[] stage;
    private final double[] yNew;
    private final double[] r1, r2, r3, r4, r5;
    private double denseStart = Double.NaN;
    private double denseStep = Double.NaN;
    private int accepted;
    private int rejected;
    private int evaluations;
    /** The stage points of the trial step (stages 2 … 6) while recording, else null. */
    private double[][] trialStages;
    /** The tape the accepted steps are recorded in, or null. */
    private StageTape recording;
    /** The kernel failure of the last trial step, null if its kernels all returned. */
    private ArithmeticException kernelFailure;

    public DormandPrince54(OdeSystem system, AdaptiveOptions options) {
        this.system = system;
        this.options = options;
        this.n = system.dimension();
        k1 = new double[n];
        k2 = new double[n];
        k3 = new double[n];
        k4 = new double[n];
        k5 = new double[n];
        k6 = new double[n];
        k7 = new double[n];
        stage = new double[n];
        yNew = new double[n];
        r1 = new double[n];
        r2 = new double[n];
        r3 = new double[n];
        r4 = new double[n];
        r5 = new double[n];
    }

    public AdaptiveOptions options() {
        return options;
    }

    /** The accepted steps of the last integration. */
    public int acceptedSteps() {
        return accepted;
    }

    /** The rejected steps of the last integration. */
    public int rejectedSteps() {
        return rejected;
    }

    /** The size of the last accepted step (signed; NaN before the first). */
    public double lastStepSize() {
        return denseStep;
    }

    /** The evaluations of f in the last integration. */
    public int evaluations() {
        return evaluations;
    }

    /**
     * Integrates from t₀ to t₁ (either direction).
     *
     * @param y the initial state (overwritten with the state at t₁)
     * @throws IntegrationException on a non-finite state, blow-up, leaving the domain, too many steps
     *                              or step-size underflow
     */
    public void integrate(double t0, double[] y, double t1) {
        integrate(t0, y, t1, (DenseStepListener) null);
    }

    /**
     * Integrates and samples the solution at the given times by dense output.
     *
     * @param y       the initial state (overwritten with the state at t₁)
     * @param times   sampling times in [t₀, t₁], ordered in the direction of integration (read)
     * @param samples the states at those times, row k at {@code k * n} (overwritten)
     */
    public void integrate(double t0, double[] y, double t1, double[] times, double[] samples) {
        double dir = Math.signum(t1 - t0);
        for (int k = 0; k < times.length; k++) {
            boolean inside = (times[k] - t0) * dir >= 0 && (t1 - times[k]) * dir >= 0
                    && (t0 != t1 || times[k] == t0);
            if (!inside || (k > 0 && (times[k] - times[k - 1]) * dir < 0)) {
                throw new IllegalArgumentException("sampling times must lie in [t0, t1] = [" + t0 + ", " + t1
                        + "] in the direction of integration; time " + k + " is " + times[k]);
            }
        }
        if (samples.length < times.length * n) {
            throw new IllegalArgumentException("samples needs length " + times.length * n + ", has "
                    + samples.length);
        }
        Sampler sampler = new Sampler(times, samples, dir);
        sampler.take(t0, y, null);
        integrate(t0, y, t1, sampler);
    }

    /**
     * Integrates as {@link #integrate(double, double[], double, DenseStepListener)} and records the
     * six stage points of every accepted step in {@code tape} (a tape of stages of
     * {@link Tableau#DOPRI5} for y = (x, v), x and v of length n/2, from
     * {@link AccelerationRungeKutta#newTape()}), exactly as
     * {@link AccelerationRungeKutta#integrate(double[], double[], int, double[], double[], double[], StageTape)}
     * replaying these steps would record them: both form the stage points with the same
     * operations in the same order, so they are the same bits, and one integration gives both the
     * result and the tape of its discrete adjoint.
     */
    public void integrate(double t0, double[] y, double t1, StageTape tape, DenseStepListener listener) {
        if (tape.stages() != T.stages() || 2 * tape.dimension() != n || tape.row() != 0) {
            throw new IllegalArgumentException("the tape is not a tape of DOPRI5 stages in dimension " + n / 2);
        }
        if (trialStages == null) {
            trialStages = new double[T.stages()][n];
        }
        tape.clear();
        recording = tape;
        try {
            integrate(t0, y, t1, listener);
        } finally {
            recording = null;
        }
    }

    /** Records the accepted step from (t, y) of size h, whose stages 2 … 6 are in trialStages. */
    private void record(double t, double h, double[] y) {
        recording.beginStep(t, h);
        recording.putState(0, y);
        for (int i = 1; i < T.stages(); i++) {
            recording.putState(i, trialStages[i]);
        }
    }

    /**
     * Integrates, calling {@code listener} (may be null) after every accepted step.
     *
     * @param y the initial state (overwritten with the state at t₁)
     */
    public void integrate(double t0, double[] y, double t1, DenseStepListener listener) {
        if (y.length != n) {
            throw new IllegalArgumentException("the state has length " + y.length + ", the system " + n);
        }
        accepted = 0;
        rejected = 0;
        evaluations = 0;
        denseStart = Double.NaN;
        denseStep = Double.NaN;
        StateGuard.check(system, t0, y, 0, options.blowUp());
        if (t1 == t0) {
            return;
        }
        double dir = Math.signum(t1 - t0);
        double hMax = Math.min(options.maxStep(), Math.abs(t1 - t0));
        try {
            system.derivative(t0, y, k1);
        } catch (ArithmeticException e) {
            throw StateGuard.kernelFailed(e, t0, y, 0);
        }
        evaluations++;
        if (!finite(k1)) {
            throw new IntegrationException(IntegrationException.Reason.NOT_FINITE, "derivative at the initial state",
                    t0, y, 0);
        }
        double h = dir * (options.initialStep() > 0 ? Math.min(options.initialStep(), hMax)
                : initialStep(t0, y, dir, hMax));
        double t = t0;
        double errOld = 1e-4;
        boolean reject = false;
        double nonFiniteAt = Double.NaN;
        int attempts = 0;
        while (true) {
            if (attempts >= options.maxSteps()) {
                throw new IntegrationException(IntegrationException.Reason.TOO_MANY_STEPS, "maxSteps = "
                        + options.maxSteps() + " reached before t1 = " + IntegrationException.format(t1)
                        + "; " + rejected + " rejected", t, y, accepted);
            }
            if (Math.abs(h) < options.minStep() || 0.1 * Math.abs(h) <= Math.abs(t) * UROUND) {
                if (kernelFailure != null) {
                    throw new IntegrationException(IntegrationException.Reason.KERNEL_FAILED,
                            kernelFailure.getMessage() + "; in every trial step from t = "
                                    + IntegrationException.format(t) + " down to step size "
                                    + IntegrationException.format(h), t, y, accepted, kernelFailure);
                }
                if (!Double.isNaN(nonFiniteAt)) {
                    throw new IntegrationException(IntegrationException.Reason.NOT_FINITE,
                            "a stage of the step from t = " + IntegrationException.format(t)
                                    + " is not finite even with step size " + IntegrationException.format(h),
                            t, y, accepted);
                }
                throw new IntegrationException(IntegrationException.Reason.STEP_SIZE_UNDERFLOW, "h = "
                        + IntegrationException.format(h) + ", minStep = "
                        + IntegrationException.format(options.minStep()), t, y, accepted);
            }
            boolean last = false;
            // Stretch the step to the end when within 1%, so that no sliver of a step is left over.
            if ((t + 1.01 * h - t1) * dir >= 0) {
                h = t1 - t;
                last = true;
            }
            attempts++;
            double err = step(t, y, h);
            if (!(err <= Double.MAX_VALUE)) {
                nonFiniteAt = t;
                rejected++;
                reject = true;
                h /= FAC_SHRINK;
                continue;
            }
            double fac11 = Math.pow(err, EXPONENT);
            double fac = Math.max(FAC_GROW, Math.min(FAC_SHRINK, fac11 / Math.pow(errOld, BETA) / SAFETY));
            double hNew = h / fac;
            if (err <= 1) {
                if (recording != null) {
                    record(t, h, y);
                }
                accepted++;
                errOld = Math.max(err, 1e-4);
                prepareDense(t, h, y);
                double[] swap = k1;
                k1 = k7;
                k7 = swap;
                System.arraycopy(yNew, 0, y, 0, n);
                double tPrevious = t;
                t = last ? t1 : t + h;
                if (StateGuard.maxAbs(y) <= options.blowUp() && !system.inDomain(y)) {
                    throw leftDomain(tPrevious, t);
                }
                StateGuard.check(system, t, y, accepted, options.blowUp());
                if (listener != null) {
                    listener.step(tPrevious, t, y, this);
                }
                if (last) {
                    return;
                }
                if (Math.abs(hNew) > hMax) {
                    hNew = dir * hMax;
                }
                if (reject) {
                    hNew = dir * Math.min(Math.abs(hNew), Math.abs(h));
                }
                reject = false;
                nonFiniteAt = Double.NaN;
            } else {
                hNew = h / Math.min(FAC_SHRINK, fac11 / SAFETY);
                reject = true;
                rejected++;
            }
            h = hNew;
        }
    }

    /**
     * One trial step from (t, y) with size h into yNew and k2..k7; returns the scaled error, NaN
     * when a stage is not finite or a kernel failed there (the caller then shrinks the step).
     */
    private double step(double t, double[] y, double h) {
        kernelFailure = null;
        try {
            return trialStep(t, y, h);
        } catch (ArithmeticException e) {
            kernelFailure = e;
            return Double.NaN;
        }
    }

    private double trialStep(double t, double[] y, double h) {
        for (int i = 0; i < n; i++) {
            stage[i] = y[i] + h * (A21 * k1[i]);
        }
        keep(1);
        system.derivative(t + C2 * h, stage, k2);
        for (int i = 0; i < n; i++) {
            stage[i] = y[i] + h * (A31 * k1[i] + A32 * k2[i]);
        }
        keep(2);
        system.derivative(t + C3 * h, stage, k3);
        for (int i = 0; i < n; i++) {
            stage[i] = y[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
        }
        keep(3);
        system.derivative(t + C4 * h, stage, k4);
        for (int i = 0; i < n; i++) {
            stage[i] = y[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
        }
        keep(4);
        system.derivative(t + C5 * h, stage, k5);
        for (int i = 0; i < n; i++) {
            stage[i] = y[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
        }
        keep(5);
        system.derivative(t + h, stage, k6);
        for (int i = 0; i < n; i++) {
            yNew[i] = y[i] + h * (A71 * k1[i] + A73 * k3[i] + A74 * k4[i] + A75 * k5[i] + A76 * k6[i]);
        }
        system.derivative(t + h, yNew, k7);
        evaluations += 6;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double e = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
            double scale = options.atol() + options.rtol() * Math.max(Math.abs(y[i]), Math.abs(yNew[i]));
            sum += (e / scale) * (e / scale);
        }
        return Math.sqrt(sum / n);
    }

    /** Keeps the stage point in {@code stage} as stage i of the trial step, when recording. */
    private void keep(int i) {
        if (recording != null) {
            System.arraycopy(stage, 0, trialStages[i], 0, n);
        }
    }

    /** The coefficients of the continuous extension over the accepted step from (t, y) of size h. */
    private void prepareDense(double t, double h, double[] y) {
        for (int i = 0; i < n; i++) {
            double diff = yNew[i] - y[i];
            double bspl = h * k1[i] - diff;
            r1[i] = y[i];
            r2[i] = diff;
            r3[i] = bspl;
            r4[i] = diff - h * k7[i] - bspl;
            r5[i] = h * (D1 * k1[i] + D3 * k3[i] + D4 * k4[i] + D5 * k5[i] + D6 * k6[i] + D7 * k7[i]);
        }
        denseStart = t;
        denseStep = h;
    }

    /**
     * The continuous extension of the last accepted step (fourth order).
     *
     * @param out length n (overwritten)
     * @throws IllegalStateException    before the first accepted step
     * @throws IllegalArgumentException if t lies outside that step
     */
    @Override
    public void interpolate(double t, double[] out) {
        if (Double.isNaN(denseStart)) {
            throw new IllegalStateException("no accepted step to interpolate");
        }
        double s = (t - denseStart) / denseStep;
        double slack = 1e-12;
        if (!(s >= -slack && s <= 1 + slack)) {
            throw new IllegalArgumentException("t = " + t + " lies outside the last step [" + denseStart + ", "
                    + (denseStart + denseStep) + "]");
        }
        double s1 = 1 - s;
        for (int i = 0; i < n; i++) {
            out[i] = r1[i] + s * (r2[i] + s1 * (r3[i] + s * (r4[i] + s1 * r5[i])));
        }
    }

    /**
     * The exception for a step that ended outside the domain, located by bisection on the dense
     * output so that the message names when the path crossed the boundary, not merely the end of
     * a possibly long step.
     */
    private IntegrationException leftDomain(double tInside, double tOutside) {
        double lo = tInside;
        double hi = tOutside;
        for (int i = 0; i < 60 && lo != hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (mid == lo || mid == hi) {
                break;
            }
            interpolate(mid, stage);
            if (system.inDomain(stage)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        interpolate(hi, stage);
        return new IntegrationException(IntegrationException.Reason.LEFT_DOMAIN, system.domainDescription()
                + "; crossed the boundary in the step from t = " + IntegrationException.format(tInside) + " to "
                + IntegrationException.format(tOutside) + ", located by dense output", hi, stage, accepted);
    }

    /** Hairer's starting step: an explicit Euler probe estimates the second derivative. */
    private double initialStep(double t0, double[] y, double dir, double hMax) {
        double dnf = 0;
        double dny = 0;
        for (int i = 0; i < n; i++) {
            double sk = options.atol() + options.rtol() * Math.abs(y[i]);
            dnf += (k1[i] / sk) * (k1[i] / sk);
            dny += (y[i] / sk) * (y[i] / sk);
        }
        dnf = Math.sqrt(dnf / n);
        dny = Math.sqrt(dny / n);
        double h = dnf <= 1e-5 || dny <= 1e-5 ? 1e-6 : 0.01 * dny / dnf;
        h = Math.min(h, hMax);
        for (int i = 0; i < n; i++) {
            stage[i] = y[i] + dir * h * k1[i];
        }
        system.derivative(t0 + dir * h, stage, k2);
        evaluations++;
        double der2 = 0;
        for (int i = 0; i < n; i++) {
            double sk = options.atol() + options.rtol() * Math.abs(y[i]);
            der2 += ((k2[i] - k1[i]) / sk) * ((k2[i] - k1[i]) / sk);
        }
        der2 = Math.sqrt(der2 / n) / h;
        if (!Double.isFinite(der2)) {
            // The probe left the region where f is defined: keep the cautious first guess.
            return Math.max(h, options.minStep());
        }
        double der12 = Math.max(der2, dnf);
        double h1 = der12 <= 1e-15 ? Math.max(1e-6, h * 1e-3) : Math.pow(0.01 / der12, 0.2);
        return Math.max(options.minStep(), Math.min(Math.min(100 * h, h1), hMax));
    }

    private static boolean finite(double[] y) {
        for (double yi : y) {
            if (!Double.isFinite(yi)) {
                return false;
            }
        }
        return true;
    }

    /** Fills the sample rows whose times the integration has passed. */
    private final class Sampler implements DenseStepListener {
        private final double[] times;
        private final double[] samples;
        private final double dir;
        private int next;

        Sampler(double[] times, double[] samples, double dir) {
            this.times = times;
            this.samples = samples;
            this.dir = dir;
        }

        /** Takes the samples due at t; {@code dense} is null before the first step. */
        void take(double t, double[] y, DenseOutput dense) {
            while (next < times.length && (times[next] - t) * dir <= 0) {
                if (times[next] == t || dense == null) {
                    System.arraycopy(y, 0, samples, next * n, n);
                } else {
                    dense.interpolate(times[next], stage);
                    System.arraycopy(stage, 0, samples, next * n, n);
                }
                next++;
            }
        }

        @Override
        public void step(double tPrevious, double t, double[] y, DenseOutput dense) {
            take(t, y, dense);
        }
    }
}
