package geo.runtime.ode;

import geo.runtime.api.AccelerationKernels;
import geo.runtime.api.CompiledModel;
import geo.runtime.api.Domain;
import geo.runtime.api.MetricKernels;
import geo.runtime.api.ModelDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Hand-written kernels with closed-form derivatives, for testing solvers without the compiler. */
public final class TestKernels {

    private TestKernels() {
    }

    static ModelDescriptor descriptor(String name, int d, Domain domain, int p) {
        List<String> coords = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            coords.add("x" + i);
        }
        List<ModelDescriptor.Parameter> params = p == 0 ? List.of()
                : List.of(new ModelDescriptor.Parameter("theta", List.of(p), 0));
        return new ModelDescriptor(name, "metric", d, coords, domain, List.of(), List.of(), params, Set.of("metric", "acceleration"),
                "test", "test");
    }

    /** Base class: descriptor and copy. */
    public abstract static class Base implements AccelerationKernels {
        private final ModelDescriptor descriptor;

        Base(ModelDescriptor descriptor) {
            this.descriptor = descriptor;
        }

        @Override
        public ModelDescriptor descriptor() {
            return descriptor;
        }

        @Override
        public CompiledModel copy() {
            return this;
        }
    }

    /** x'' = −k x with θ = [k], on all of Rᵈ. */
    public static AccelerationKernels oscillator(int d) {
        return new Base(descriptor("Oscillator", d, Domain.NONE, 1)) {
            @Override
            public void acceleration(double t, double[] x, double[] v, double[] theta, double[] a) {
                for (int i = 0; i < d; i++) {
                    a[i] = -theta[0] * x[i];
                }
            }

            @Override
            public void accelerationJvp(double t, double[] x, double[] v, double[] theta, double[] dx, double[] dv,
                                        double[] da) {
                for (int i = 0; i < d; i++) {
                    da[i] = -theta[0] * dx[i];
                }
            }

            @Override
            public void accelerationVjp(double t, double[] x, double[] v, double[] theta, double[] aBar,
                                        double[] xBar, double[] vBar, double[] thetaBar) {
                double s = 0;
                for (int i = 0; i < d; i++) {
                    xBar[i] = -theta[0] * aBar[i];
                    vBar[i] = 0;
                    s -= aBar[i] * x[i];
                }
                thetaBar[0] = s;
            }
        };
    }

    /**
     * The spray of the conformal metric g = e^{2φ} I with φ = log 2 − log(1 − |x|²) + θ·x on the unit
     * ball (θ = 0: the Poincaré ball). With p = ∇φ = 2x/(1 − |x|²) + θ:
     * a = −2 (p·v) v + |v|² p.
     */
    public static ConformalBall conformalBall(int d) {
        return new ConformalBall(d);
    }

    /** See {@link #conformalBall}; also a {@link MetricKernels}. */
    public static final class ConformalBall extends Base implements MetricKernels {
        private final int d;
        private final double[] p;
        private final double[] c;

        ConformalBall(int d) {
            super(TestKernels.descriptor("ConformalBall", d, Domain.ball(1), d));
            this.d = d;
            this.p = new double[d];
            this.c = new double[d];
        }

        private double gradPhi(double[] x, double[] theta) {
            double s = 1;
            for (int i = 0; i < d; i++) {
                s -= x[i] * x[i];
            }
            for (int i = 0; i < d; i++) {
                p[i] = 2 * x[i] / s + theta[i];
            }
            return s;
        }

        @Override
        public void acceleration(double t, double[] x, double[] v, double[] theta, double[] a) {
            gradPhi(x, theta);
            double q = dot(p, v);
            double vv = dot(v, v);
            for (int i = 0; i < d; i++) {
                a[i] = -2 * q * v[i] + vv * p[i];
            }
        }

        @Override
        public void accelerationJvp(double t, double[] x, double[] v, double[] theta, double[] dx, double[] dv,
                                    double[] da) {
            double s = gradPhi(x, theta);
            double xdx = dot(x, dx);
            double q = dot(p, v);
            double vv = dot(v, v);
            double vdv = dot(v, dv);
            double dq = 0;
            for (int i = 0; i < d; i++) {
                double dp = 2 * dx[i] / s + 4 * xdx / (s * s) * x[i];
                dq += dp * v[i] + p[i] * dv[i];
            }
            for (int i = 0; i < d; i++) {
                double dp = 2 * dx[i] / s + 4 * xdx / (s * s) * x[i];
                da[i] = -2 * dq * v[i] - 2 * q * dv[i] + 2 * vdv * p[i] + vv * dp;
            }
        }

        @Override
        public void accelerationVjp(double t, double[] x, double[] v, double[] theta, double[] aBar, double[] xBar,
                                    double[] vBar, double[] thetaBar) {
            double s = gradPhi(x, theta);
            double q = dot(p, v);
            double vv = dot(v, v);
            double av = dot(aBar, v);
            double ap = dot(aBar, p);
            for (int i = 0; i < d; i++) {
                c[i] = -2 * av * v[i] + vv * aBar[i];
            }
            double xc = dot(x, c);
            for (int i = 0; i < d; i++) {
                vBar[i] = -2 * av * p[i] - 2 * q * aBar[i] + 2 * ap * v[i];
                xBar[i] = 2 * c[i] / s + 4 * xc / (s * s) * x[i];
                thetaBar[i] = c[i];
            }
        }

        @Override
        public void metric(double[] x, double[] theta, double[] g) {
            double s = 1;
            double tx = 0;
            for (int i = 0; i < d; i++) {
                s -= x[i] * x[i];
                tx += theta[i] * x[i];
            }
            double lambda = 2 / s * Math.exp(tx);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    g[i * d + j] = i == j ? lambda * lambda : 0;
                }
            }
        }

        @Override
        public double energy(double[] x, double[] v, double[] theta) {
            double[] g = new double[d * d];
            metric(x, theta, g);
            return 0.5 * g[0] * dot(v, v);
        }
    }

    /** x'' = 0 (straight lines) restricted to the given domain. */
    public static AccelerationKernels straightLines(int d, Domain domain) {
        return fromFunction(d, domain, (t, x, v, a) -> java.util.Arrays.fill(a, 0));
    }

    /** An acceleration without derivatives (they throw), for integrator tests. */
    public static AccelerationKernels fromFunction(int d, Domain domain, Acceleration f) {
        return new Base(descriptor("Function", d, domain, 0)) {
            @Override
            public void acceleration(double t, double[] x, double[] v, double[] theta, double[] a) {
                f.eval(t, x, v, a);
            }

            @Override
            public void accelerationJvp(double t, double[] x, double[] v, double[] theta, double[] dx, double[] dv,
                                        double[] da) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void accelerationVjp(double t, double[] x, double[] v, double[] theta, double[] aBar,
                                        double[] xBar, double[] vBar, double[] thetaBar) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** a(t, x, v). */
    @FunctionalInterface
    public interface Acceleration {
        void eval(double t, double[] x, double[] v, double[] a);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
