package geo.runtime.ode;

import geo.runtime.api.AccelerationKernels;
import geo.runtime.api.Domain;

/**
 * The second-order dynamics x'' = a(t, x, v; θ) as the first-order system on y = [x; v]
 * (length 2d): y' = [v; a(t, x, v; θ)]. The domain is the model's declared chart domain, tested on
 * the position x.
 *
 * <p>Holds a reference to θ, not a copy, so that a learning loop can update the parameters in
 * place between integrations. Owns scratch arrays (and uses the kernels, which own theirs): not
 * thread-safe.
 */
public final class AccelerationFlow implements OdeSystem {

    private final AccelerationKernels kernels;
    private final Domain domain;
    private final int d;
    private final double[] x;
    private final double[] v;
    private final double[] a;
    private double[] theta;

    /** The flow of {@code kernels} with parameters θ (referenced), in the model's declared domain. */
    public AccelerationFlow(AccelerationKernels kernels, double[] theta) {
        this(kernels, theta, kernels.descriptor().domain());
    }

    /** The flow of {@code kernels} with parameters θ (referenced), restricted to {@code domain}. */
    public AccelerationFlow(AccelerationKernels kernels, double[] theta, Domain domain) {
        this.kernels = kernels;
        this.domain = domain;
        this.d = kernels.descriptor().dimension();
        this.x = new double[d];
        this.v = new double[d];
        this.a = new double[d];
        this.theta = theta;
    }

    /** Replaces the referenced parameter vector. */
    public void setParameters(double[] theta) {
        this.theta = theta;
    }

    /** The position dimension d (the state has length 2d). */
    public int positionDimension() {
        return d;
    }

    @Override
    public int dimension() {
        return 2 * d;
    }

    /** Writes [v; a(t, x, v; θ)] into yDot; reads y. */
    @Override
    public void derivative(double t, double[] y, double[] yDot) {
        System.arraycopy(y, 0, x, 0, d);
        System.arraycopy(y, d, v, 0, d);
        kernels.acceleration(t, x, v, theta, a);
        System.arraycopy(v, 0, yDot, 0, d);
        System.arraycopy(a, 0, yDot, d, d);
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
