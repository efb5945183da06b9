package geo.runtime.geodesic;

import geo.runtime.api.AccelerationKernels;
import geo.runtime.api.Domain;
import geo.runtime.ode.DormandPrince54;
import geo.runtime.ode.IntegrationException;
import geo.runtime.ode.OdeSystem;
import geo.runtime.ode.Rk4;

/**
 * Parallel transport of k vectors w₁, …, w_k along the geodesic γ with γ(0) = x, γ'(0) = v, from
 * t = 0 to t = 1: D wⱼ/dt = 0, i.e. wⱼ' = −Γ(γ)[γ', wⱼ].
 *
 * <p>No Christoffel symbols are formed: the spray a(x, v) = −Γ(x)[v, v] is quadratic in v, so its
 * derivative in v is ∂a/∂v · w = −2Γ(x)[v, w] and the transport equation is
 * wⱼ' = ½ · accelerationJvp(t, γ, γ', θ; dx = 0, dv = wⱼ). This holds for metrics only (a
 * Lagrangian's acceleration need not be quadratic in v), so other models are refused. The augmented
 * system y = [x; v; w₁; …; w_k] is integrated with the method's integrator (RK4 with its steps, or
 * DOPRI5 whose error control then covers the vectors too); transport preserves g-inner products
 * ⟨wᵢ, wⱼ⟩_g and ⟨wⱼ, γ'⟩_g up to the integrator's error. Not thread-safe.
 */
public final class ParallelTransport {

    private final GeodesicMethod method;
    private final int d;
    private final int k;
    private final TransportFlow flow;
    private final Rk4 rk4;
    private final DormandPrince54 dopri;
    private final double[] y;

    /** Transport of {@code vectors} vectors along geodesics of the metric {@code kernels}, in its declared domain. */
    public ParallelTransport(AccelerationKernels kernels, GeodesicMethod method, int vectors) {
        String kind = kernels.descriptor().kind();
        if (!kind.equals("metric")) {
            throw new IllegalArgumentException("parallel transport needs a metric's geodesic spray; "
                    + kernels.descriptor().name() + " is a " + kind);
        }
        if (vectors < 1) {
            throw new IllegalArgumentException("need at least one vector to transport, got " + vectors);
        }
        this.method = method;
        this.d = kernels.descriptor().dimension();
        this.k = vectors;
        this.flow = new TransportFlow(kernels, kernels.descriptor().domain(), d, vectors);
        this.y = new double[(2 + vectors) * d];
        if (method.adaptive()) {
            this.dopri = new DormandPrince54(flow, method.options());
            this.rk4 = null;
        } else {
            this.rk4 = new Rk4(flow, method.blowUp());
            this.dopri = null;
        }
    }

    /** The number k of vectors transported together. */
    public int vectors() {
        return k;
    }

    /**
     * Transports w₁, …, w_k from x along the geodesic with initial velocity v to its end point.
     *
     * @param x     the start point, length d (read)
     * @param v     the initial velocity, length d (read)
     * @param theta the parameters (read)
     * @param w     the vectors, wⱼ at offset j·d, length k·d (read)
     * @param xEnd  γ(1), length d (overwritten); may be null
     * @param vEnd  γ'(1), length d (overwritten); may be null
     * @param wEnd  the transported vectors at γ(1), length k·d (overwritten; may be w itself)
     * @throws IntegrationException if the integration fails
     */
    public void transport(double[] x, double[] v, double[] theta, double[] w, double[] xEnd, double[] vEnd,
                          double[] wEnd) {
        if (x.length != d || v.length != d || w.length != k * d || wEnd.length != k * d) {
            throw new IllegalArgumentException("need x, v of length " + d + " and w, wEnd of length " + k * d);
        }
        System.arraycopy(x, 0, y, 0, d);
        System.arraycopy(v, 0, y, d, d);
        System.arraycopy(w, 0, y, 2 * d, k * d);
        flow.theta = theta;
        if (method.adaptive()) {
            dopri.integrate(0, y, 1);
        } else {
            rk4.integrate(0, y, 1, method.steps());
        }
        if (xEnd != null) {
            System.arraycopy(y, 0, xEnd, 0, d);
        }
        if (vEnd != null) {
            System.arraycopy(y, d, vEnd, 0, d);
        }
        System.arraycopy(y, 2 * d, wEnd, 0, k * d);
    }

    /** y = [x; v; w₁; …; w_k], y' = [v; a(t, x, v); ½ ∂a/∂v · w₁; …]. */
    private static final class TransportFlow implements OdeSystem {
        private final AccelerationKernels kernels;
        private final Domain domain;
        private final int d;
        private final int k;
        private final double[] x;
        private final double[] v;
        private final double[] w;
        private final double[] out;
        private final double[] zero;
        private double[] theta;

        TransportFlow(AccelerationKernels kernels, Domain domain, int d, int k) {
            this.kernels = kernels;
            this.domain = domain;
            this.d = d;
            this.k = k;
            x = new double[d];
            v = new double[d];
            w = new double[d];
            out = new double[d];
            zero = new double[d];
        }

        @Override
        public int dimension() {
            return (2 + k) * d;
        }

        @Override
        public void derivative(double t, double[] y, double[] yDot) {
            System.arraycopy(y, 0, x, 0, d);
            System.arraycopy(y, d, v, 0, d);
            System.arraycopy(v, 0, yDot, 0, d);
            kernels.acceleration(t, x, v, theta, out);
            System.arraycopy(out, 0, yDot, d, d);
            for (int j = 0; j < k; j++) {
                System.arraycopy(y, (2 + j) * d, w, 0, d);
                kernels.accelerationJvp(t, x, v, theta, zero, w, out);
                for (int i = 0; i < d; i++) {
                    yDot[(2 + j) * d + i] = 0.5 * out[i];
                }
            }
        }

        @Override
        public boolean inDomain(double[] y) {
            System.arraycopy(y, 0, x, 0, d);
            return domain.contains(x);
        }

        @Override
        public String domainDescription() {
            return "x must stay in " + domain;
        }
    }
}
