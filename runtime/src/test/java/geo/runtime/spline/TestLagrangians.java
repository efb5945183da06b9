package geo.runtime.spline;

import geo.runtime.api.CompiledModel;
import geo.runtime.api.Domain;
import geo.runtime.api.LagrangianKernels;
import geo.runtime.api.ModelDescriptor;
import java.util.List;
import java.util.Set;

/** Hand-written Lagrangians for the runtime's own tests (the examples module tests compiled ones). */
final class TestLagrangians {

    private TestLagrangians() {
    }

    private abstract static class Base implements LagrangianKernels {
        private final ModelDescriptor descriptor;

        Base(String name, int d, int p, Domain domain) {
            this.descriptor = new ModelDescriptor(name, "lagrangian", d, d == 2 ? List.of("x", "y") : List.of("x"),
                    domain, List.of(), List.of(), p == 0 ? List.of() : List.of(new ModelDescriptor.Parameter("theta", List.of(p), 0)),
                    Set.of("lagrangian"), "test", "test");
        }

        @Override
        public ModelDescriptor descriptor() {
            return descriptor;
        }

        @Override
        public CompiledModel copy() {
            return this;
        }

        @Override
        public double lagrangian(double t, double[] x, double[] v, double[] theta) {
            return lagrangianGradient(t, x, v, theta, new double[x.length], new double[x.length],
                    new double[theta.length]);
        }
    }

    /** ½ vᵀ A v with A = [[θ₀, θ₁], [θ₁, θ₂]]: a constant SPD metric on R². */
    static LagrangianKernels constantMetric() {
        return new Base("ConstantMetric", 2, 3, Domain.NONE) {
            @Override
            public double lagrangianGradient(double t, double[] x, double[] v, double[] th, double[] gx, double[] gv,
                                             double[] gTheta) {
                gx[0] = 0;
                gx[1] = 0;
                gv[0] = th[0] * v[0] + th[1] * v[1];
                gv[1] = th[1] * v[0] + th[2] * v[1];
                gTheta[0] = 0.5 * v[0] * v[0];
                gTheta[1] = v[0] * v[1];
                gTheta[2] = 0.5 * v[1] * v[1];
                return 0.5 * (v[0] * gv[0] + v[1] * gv[1]);
            }
        };
    }

    /**
     * ½ vᵀ A v + θ₃ sin(x₀) x₁ + θ₄ t x₀², A = [[θ₀, θ₁], [θ₁, θ₂]]: position, velocity, time and
     * parameter dependence, for gradient checks.
     */
    static LagrangianKernels mixed() {
        return new Base("Mixed", 2, 5, Domain.NONE) {
            @Override
            public double lagrangianGradient(double t, double[] x, double[] v, double[] th, double[] gx, double[] gv,
                                             double[] gTheta) {
                double s = Math.sin(x[0]);
                gv[0] = th[0] * v[0] + th[1] * v[1];
                gv[1] = th[1] * v[0] + th[2] * v[1];
                gx[0] = th[3] * Math.cos(x[0]) * x[1] + 2 * th[4] * t * x[0];
                gx[1] = th[3] * s;
                gTheta[0] = 0.5 * v[0] * v[0];
                gTheta[1] = v[0] * v[1];
                gTheta[2] = 0.5 * v[1] * v[1];
                gTheta[3] = s * x[1];
                gTheta[4] = t * x[0] * x[0];
                return 0.5 * (v[0] * gv[0] + v[1] * gv[1]) + th[3] * s * x[1] + th[4] * t * x[0] * x[0];
            }
        };
    }

    /** ½|v|² + θ₀ x₀ x₁ + θ₁ t: a polynomial integrand of degree 6 along a cubic path. */
    static LagrangianKernels polynomial() {
        return new Base("Polynomial", 2, 2, Domain.NONE) {
            @Override
            public double lagrangianGradient(double t, double[] x, double[] v, double[] th, double[] gx, double[] gv,
                                             double[] gTheta) {
                gv[0] = v[0];
                gv[1] = v[1];
                gx[0] = th[0] * x[1];
                gx[1] = th[0] * x[0];
                gTheta[0] = x[0] * x[1];
                gTheta[1] = t;
                return 0.5 * (v[0] * v[0] + v[1] * v[1]) + th[0] * x[0] * x[1] + th[1] * t;
            }
        };
    }

    /** The Poincaré disc, L = ½ (2/(1 − |x|²))² |v|², with its chart declared as ball(1). */
    static LagrangianKernels poincare() {
        return new Base("Poincare", 2, 0, Domain.ball(1)) {
            @Override
            public double lagrangianGradient(double t, double[] x, double[] v, double[] th, double[] gx, double[] gv,
                                             double[] gTheta) {
                double r2 = x[0] * x[0] + x[1] * x[1];
                double lambda = 2 / (1 - r2);
                double vv = v[0] * v[0] + v[1] * v[1];
                // ∂/∂x of ½λ²|v|² = λ ∂λ/∂x |v|², with ∂λ/∂x = λ² x.
                double c = lambda * lambda * lambda * vv;
                gx[0] = c * x[0];
                gx[1] = c * x[1];
                gv[0] = lambda * lambda * v[0];
                gv[1] = lambda * lambda * v[1];
                return 0.5 * lambda * lambda * vv;
            }
        };
    }
}
