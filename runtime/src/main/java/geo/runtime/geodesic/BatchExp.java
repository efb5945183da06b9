package geo.runtime.geodesic;

import geo.runtime.api.AccelerationKernels;
import geo.runtime.api.BatchAccelerationKernels;
import geo.runtime.api.BatchStepKernels;
import geo.runtime.api.Domain;
import geo.runtime.lanes.LaneSupport;
import geo.runtime.ode.IntegrationException;
import java.util.ArrayList;
import java.util.List;

/**
 * The exponential map of many points at once: exp_{x_b}(v_b) for b &lt; n, in structure-of-arrays
 * layout (coordinate i of point b at {@code i·n + b}). With {@link GeodesicMethod#rk4 RK4} and
 * kernels that implement {@link BatchStepKernels}, every RK4 step of size h = 1/steps advances
 * the whole batch by one call of {@link BatchStepKernels#rk4StepBatch}, whose vector loop
 * computes several points per instruction (SIMD); otherwise each point goes through
 * {@link Geodesics#exp}. Either way point b gets the bits {@link Geodesics#exp} gives for
 * (x_b, v_b): the batch kernel performs the per-point step's operations in its order, and step k
 * starts at t = k·h as in the per-point integrator. Models too large for a batch step kernel (the
 * network metrics) batch their acceleration instead ({@link BatchAccelerationKernels}): each RK4
 * step is then four calls of {@link BatchAccelerationKernels#accelerationBatch} for the whole
 * batch, with the stages combined here by the operations of the per-point RK4 step
 * ({@code geo.runtime.ode.AccelerationRungeKutta}, whose fused and unfused steps give the same
 * bits), so each point again gets the bits of {@link Geodesics#exp}.
 *
 * <p>Failures are per point, never for the batch: after every step each point is checked as
 * the per-point integrator checks it (every |xᵢ|, |vᵢ| at most the method's blow-up bound, NaN
 * failing; x inside the domain), a start point outside the domain is refused before integrating,
 * and a point that fails is parked (its lane continues from a valid start point at rest, so that
 * it costs nothing and disturbs no other point) and later integrated alone by
 * {@link Geodesics#exp}, whose exception gives its {@link Status} and step — the same report a
 * single exp gives. Not thread-safe (scratch arrays; the kernels' own); one instance per thread.
 */
public final class BatchExp {

    /** What became of one point. */
    public enum Status {
        /** exp was computed. */
        OK,
        /** The start point is not in the model's domain (nothing was integrated). */
        START_OUTSIDE_DOMAIN,
        /** The state became NaN or infinite. */
        NOT_FINITE,
        /** A component exceeded the method's blow-up bound. */
        BLOW_UP,
        /** The path left the domain. */
        LEFT_DOMAIN,
        /** A kernel failed (an {@code ArithmeticException}, e.g. a metric not positive definite). */
        KERNEL_FAILED,
        /** DOPRI5 reached its step limit. */
        TOO_MANY_STEPS,
        /** DOPRI5's step size underflowed. */
        STEP_SIZE_UNDERFLOW
    }

    /**
     * A point whose exp failed.
     *
     * @param point  its index b in the batch
     * @param status why ({@link Status#OK} never appears here)
     * @param steps  the steps completed before the failure (0 for a start point outside the domain)
     * @param detail the per-point integrator's message
     */
    public record Failure(int point, Status status, int steps, String detail) {
    }

    /**
     * The outcome of a batch: its size and its failed points, in increasing order.
     *
     * @param points   n
     * @param failures the points that failed; their entries of xEnd and vEnd are unspecified
     */
    public record Result(int points, List<Failure> failures) {
        public Result {
            failures = List.copyOf(failures);
        }

        /** Whether every point succeeded. */
        public boolean ok() {
            return failures.isEmpty();
        }

        /** The status of point b. */
        public Status status(int b) {
            for (Failure f : failures) {
                if (f.point() == b) {
                    return f.status();
                }
            }
            return Status.OK;
        }
    }

    private final Geodesics single;
    private final BatchStepKernels batch;
    /** The batch acceleration when there is no batch step kernel (else null). */
    private final BatchAccelerationKernels stages;
    private double[][] work = new double[0][];
    private double[] a1 = new double[0];
    private double[] a2 = new double[0];
    private double[] a3 = new double[0];
    private double[] v2 = new double[0];
    private double[] v3 = new double[0];
    private final int d;
    private final int steps;
    private final double blowUp;
    private final Domain domain;
    private double[] xa = new double[0];
    private double[] va = new double[0];
    private double[] xb = new double[0];
    private double[] vb = new double[0];
    private final double[] point;
    private final double[] velocity;

    /** exp of {@code kernels} with {@code method}, failing when a path leaves the model's domain. */
    public BatchExp(AccelerationKernels kernels, GeodesicMethod method) {
        this.single = new Geodesics(kernels, method);
        this.domain = kernels.descriptor().domain();
        this.d = kernels.descriptor().dimension();
        this.batch = !method.adaptive() && kernels instanceof BatchStepKernels k ? k : null;
        this.stages = batch == null && !method.adaptive() && kernels instanceof BatchAccelerationKernels k ? k : null;
        this.steps = method.adaptive() ? 0 : method.steps();
        this.blowUp = method.blowUp();
        this.point = new double[d];
        this.velocity = new double[d];
    }

    /**
     * Whether steps are taken for the whole batch at once ({@link BatchStepKernels}, or RK4 stages of
     * {@link BatchAccelerationKernels}); else point by point.
     */
    public boolean batched() {
        return batch != null || stages != null;
    }

    /** Whether {@code kernels} batch exp with a fixed-step method: a batch step or a batch acceleration. */
    public static boolean batches(AccelerationKernels kernels) {
        return kernels instanceof BatchStepKernels || kernels instanceof BatchAccelerationKernels;
    }

    /**
     * exp_{x_b}(v_b) for b &lt; n.
     *
     * @param x     start points, coordinate i of point b at i·n + b (read)
     * @param v     initial velocities, same layout (read)
     * @param theta the parameters, shared by all points (read)
     * @param xEnd  end points, same layout (overwritten; may be x)
     * @param vEnd  end velocities, same layout (overwritten; may be v); may be null
     */
    public Result exp(int n, double[] x, double[] v, double[] theta, double[] xEnd, double[] vEnd) {
        return exp(n, x, v, theta, xEnd, vEnd, true);
    }

    /**
     * As {@link #exp}, except that a point the batch's per-step check fails is not integrated
     * again alone: its failure is reported as the check saw it ({@link Status#NOT_FINITE} when a
     * component is NaN, {@link Status#BLOW_UP} when one exceeds the bound, else
     * {@link Status#LEFT_DOMAIN}; the step is the one after which the check failed). The points
     * that succeed get the same bits as from {@link #exp}. For callers that only need to know that
     * a point failed (a Newton solver's trial shots), where integrating a failing point again one
     * point at a time would cost several batch steps of the whole batch. A kernel exception
     * ({@code ArithmeticException}) still sends every point of the batch through
     * {@link Geodesics#exp} for its own report.
     */
    public Result tryExp(int n, double[] x, double[] v, double[] theta, double[] xEnd, double[] vEnd) {
        return exp(n, x, v, theta, xEnd, vEnd, false);
    }

    private Result exp(int n, double[] x, double[] v, double[] theta, double[] xEnd, double[] vEnd, boolean alone) {
        if (x.length < d * n || v.length < d * n || xEnd.length < d * n || (vEnd != null && vEnd.length < d * n)) {
            throw new IllegalArgumentException("arrays of " + n + " points in dimension " + d + " need length "
                    + d * n);
        }
        List<Failure> failures = new ArrayList<>();
        boolean[] failed = new boolean[n];
        Failure[] seen = alone ? null : new Failure[n];
        boolean kernelFailed = false;
        if (!batched()) {
            for (int b = 0; b < n; b++) {
                single(b, n, x, v, theta, xEnd, vEnd, failures);
            }
            return new Result(n, failures);
        }
        ensure(d * n);
        System.arraycopy(x, 0, xa, 0, d * n);
        System.arraycopy(v, 0, va, 0, d * n);
        int park = -1;
        for (int b = 0; b < n; b++) {
            gather(x, n, b, point);
            if (domain.contains(point)) {
                park = park < 0 ? b : park;
            } else {
                failed[b] = true;
            }
        }
        if (park >= 0) {
            for (int b = 0; b < n; b++) {
                if (failed[b]) {
                    parkAt(b, n, x, park);
                }
            }
            double h = 1.0 / steps;
            for (int k = 0; k < steps; k++) {
                try {
                    if (batch != null) {
                        batch.rk4StepBatch(k * h, h, n, xa, va, theta, xb, vb);
                    } else {
                        rk4Stages(h, n, theta);
                    }
                } catch (ArithmeticException e) {
                    // Rare (an implicit solve or a checked function): finish every point alone.
                    for (int b = 0; b < n; b++) {
                        failed[b] = true;
                    }
                    kernelFailed = true;
                    break;
                }
                double[] swap = xa;
                xa = xb;
                xb = swap;
                swap = va;
                va = vb;
                vb = swap;
                check(n, failed, x, park, seen, k + 1);
            }
        }
        for (int b = 0; b < n; b++) {
            if (failed[b] && seen != null && !kernelFailed) {
                failures.add(seen[b] != null ? seen[b] : new Failure(b, Status.START_OUTSIDE_DOMAIN, 0,
                        "the start point is outside the domain " + domain));
            } else if (failed[b]) {
                single(b, n, x, v, theta, xEnd, vEnd, failures);
            } else {
                for (int i = 0; i < d; i++) {
                    xEnd[i * n + b] = xa[i * n + b];
                    if (vEnd != null) {
                        vEnd[i * n + b] = va[i * n + b];
                    }
                }
            }
        }
        return new Result(n, failures);
    }

    private static final double SIXTH = 1.0 / 6;
    private static final double THIRD = 1.0 / 3;

    /**
     * One RK4 step of size h from (xa, va) to (xb, vb) for the whole batch, by four batch
     * accelerations: the operations of {@code AccelerationRungeKutta}'s RK4 step in its order,
     * <pre>
     *   X₂ = x + h (½ v),  V₂ = v + h (½ A₁);  X₃ = x + h (½ V₂),  V₃ = v + h (½ A₂);  X₄ = x + h V₃,  V₄ = v + h A₃
     *   x' = x + h (⅙ v + ⅓ V₂ + ⅓ V₃ + ⅙ V₄),  v' = v + h (⅙ A₁ + ⅓ A₂ + ⅓ A₃ + ⅙ A₄)
     * </pre>
     * (a metric's acceleration does not read t: only kernels without t are batched).
     */
    private void rk4Stages(double h, int n, double[] theta) {
        double[][] w = work;
        int out = stages.accelerationBatchOutputSlot();
        for (int i = 0; i < d; i++) {
            System.arraycopy(xa, i * n, w[i], 0, n);
            System.arraycopy(va, i * n, w[d + i], 0, n);
        }
        stages.accelerationBatch(n, w, theta);
        intermediate(h, n, 0.5, va, a1, v2);
        stages.accelerationBatch(n, w, theta);
        intermediate(h, n, 0.5, v2, a2, v3);
        stages.accelerationBatch(n, w, theta);
        intermediate(h, n, 1.0, v3, a3, null);
        stages.accelerationBatch(n, w, theta);
        for (int i = 0; i < d; i++) {
            double[] a4 = w[out + i];
            double[] v4 = w[d + i];
            int o = i * n;
            for (int b = 0; b < n; b++) {
                xb[o + b] = xa[o + b] + h * (SIXTH * va[o + b] + THIRD * v2[o + b] + THIRD * v3[o + b] + SIXTH * v4[b]);
                vb[o + b] = va[o + b] + h * (SIXTH * a1[o + b] + THIRD * a2[o + b] + THIRD * a3[o + b] + SIXTH * a4[b]);
            }
        }
    }

    /**
     * Stores the stage's acceleration (in the work slots) into {@code aStore} and writes the next
     * stage's input into the work slots: x = x₀ + h·(c·vSource), v = v₀ + h·(c·a), also into
     * {@code vStore} when it is not null. c = 1 gives h·(1·v) = h·v exactly, so every stage keeps the
     * per-point {@code stepRk4}'s operations and bits. Modifies the work slots, {@code aStore} and
     * {@code vStore}.
     */
    private void intermediate(double h, int n, double c, double[] vSource, double[] aStore, double[] vStore) {
        double[][] w = work;
        int out = stages.accelerationBatchOutputSlot();
        for (int i = 0; i < d; i++) {
            double[] a = w[out + i];
            double[] x = w[i];
            double[] v = w[d + i];
            int o = i * n;
            for (int b = 0; b < n; b++) {
                aStore[o + b] = a[b];
                x[b] = xa[o + b] + h * (c * vSource[o + b]);
                v[b] = va[o + b] + h * (c * a[b]);
            }
            if (vStore != null) {
                System.arraycopy(v, 0, vStore, o, n);
            }
        }
    }

    /**
     * The per-point integrator's check after a step: every |xᵢ|, |vᵢ| ≤ blowUp (false for NaN)
     * and x in the domain; a point that fails is marked and parked.
     */
    private void check(int n, boolean[] failed, double[] x0, int park, Failure[] seen, int step) {
        double r2 = domain instanceof Domain.Ball ball ? ball.radius() * ball.radius() : Double.NaN;
        boolean box = domain instanceof Domain.Box;
        int from = 0;
        if (!box && LaneSupport.available()) {
            // Whole vectors of points at once; a vector with a failing point is checked again below.
            // Named in full, without an import: javadoc (which runs without the incubator module)
            // then never reads Lanes.
            from = Math.max(0, geo.runtime.lanes.Lanes.allWithin(n, d, xa, va, blowUp, r2));
        }
        for (int b = from; b < n; b++) {
            boolean ok = true;
            double s = 0;
            for (int i = 0; i < d; i++) {
                double xi = xa[i * n + b];
                ok &= Math.abs(xi) <= blowUp & Math.abs(va[i * n + b]) <= blowUp;
                s += xi * xi;
            }
            if (r2 == r2) {
                // Domain.check of a ball: the same sum in the same order, strictly below r².
                ok &= s < r2;
            } else if (box && ok) {
                gather(xa, n, b, point);
                ok = domain.contains(point);
            }
            if (!ok && !failed[b]) {
                failed[b] = true;
                if (seen != null) {
                    seen[b] = seen(b, n, step);
                }
                parkAt(b, n, x0, park);
            }
        }
    }

    /** What the check saw of point b after {@code step} steps, before it is parked. */
    private Failure seen(int b, int n, int step) {
        Status status = Status.LEFT_DOMAIN;
        for (int i = 0; i < d; i++) {
            double xi = xa[i * n + b];
            double vi = va[i * n + b];
            if (Double.isNaN(xi) || Double.isNaN(vi)) {
                status = Status.NOT_FINITE;
                break;
            }
            if (!(Math.abs(xi) <= blowUp && Math.abs(vi) <= blowUp)) {
                status = Status.BLOW_UP;
            }
        }
        return new Failure(b, status, step, "found by the batch's check after step " + step);
    }

    /** Point b continues from start point {@code park} at rest, where it stays finite and in the domain. */
    private void parkAt(int b, int n, double[] x0, int park) {
        for (int i = 0; i < d; i++) {
            xa[i * n + b] = x0[i * n + park];
            va[i * n + b] = 0;
        }
    }

    /** Point b alone, by {@link Geodesics#exp}; its failure, if any, added to {@code failures}. */
    private void single(int b, int n, double[] x, double[] v, double[] theta, double[] xEnd, double[] vEnd,
                        List<Failure> failures) {
        gather(x, n, b, point);
        gather(v, n, b, velocity);
        String outside = domain.check(point);
        if (outside != null) {
            failures.add(new Failure(b, Status.START_OUTSIDE_DOMAIN, 0, outside));
            return;
        }
        try {
            single.exp(point, velocity, theta, point, velocity);
        } catch (IntegrationException e) {
            failures.add(new Failure(b, status(e.reason()), e.steps(), e.getMessage()));
            return;
        }
        for (int i = 0; i < d; i++) {
            xEnd[i * n + b] = point[i];
            if (vEnd != null) {
                vEnd[i * n + b] = velocity[i];
            }
        }
    }

    private static Status status(IntegrationException.Reason r) {
        return switch (r) {
            case NOT_FINITE -> Status.NOT_FINITE;
            case BLOW_UP -> Status.BLOW_UP;
            case LEFT_DOMAIN -> Status.LEFT_DOMAIN;
            case KERNEL_FAILED -> Status.KERNEL_FAILED;
            case TOO_MANY_STEPS -> Status.TOO_MANY_STEPS;
            case STEP_SIZE_UNDERFLOW -> Status.STEP_SIZE_UNDERFLOW;
        };
    }

    private void gather(double[] soa, int n, int b, double[] out) {
        for (int i = 0; i < d; i++) {
            out[i] = soa[i * n + b];
        }
    }

    private void ensure(int length) {
        if (xa.length < length) {
            xa = new double[length];
            va = new double[length];
            xb = new double[length];
            vb = new double[length];
        }
        if (stages != null && a1.length < length) {
            a1 = new double[length];
            a2 = new double[length];
            a3 = new double[length];
            v2 = new double[length];
            v3 = new double[length];
            work = BatchAccelerationKernels.work(stages, length / d);
        }
    }
}
