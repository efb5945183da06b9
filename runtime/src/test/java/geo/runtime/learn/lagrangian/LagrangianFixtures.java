package geo.runtime.learn.lagrangian;

import geo.runtime.api.AccelerationKernels;
import geo.runtime.api.CompiledModel;
import geo.runtime.api.Domain;
import geo.runtime.api.LagrangianKernels;
import geo.runtime.api.ModelDescriptor;
import java.util.List;
import java.util.Set;

/**
 * Test fixtures shared by the Lagrangian-OT path and amortiser tests: hand-written kernels of the
 * tasks' Lagrangians on the plane with one parameter M = θ₀ ({@link Well}, {@link Hill}), and what
 * every such hand-written model repeats ({@link Stateless}, {@link #planeDescriptor}).
 */
final class LagrangianFixtures {

    private LagrangianFixtures() {
    }

    /**
     * The descriptor of a test Lagrangian on the plane (coordinates x, y, no domain) with the one
     * parameter M and the given kernel kinds.
     */
    static ModelDescriptor planeDescriptor(String name, String... kinds) {
        return new ModelDescriptor(name, "lagrangian", 2, List.of("x", "y"), Domain.NONE, List.of(), List.of(),
                List.of(new ModelDescriptor.Parameter("M", List.of(1), 0)), Set.of(kinds), "test", "test");
    }

    /** A hand-written model without state of its own: one instance serves every thread. */
    interface Stateless extends CompiledModel {
        @Override
        default CompiledModel copy() {
            return this;
        }
    }

    /** A hand-written Lagrangian on the plane ({@link #planeDescriptor}) whose value is that of its gradient kernel. */
    abstract static class PlaneLagrangian implements LagrangianKernels, Stateless {
        private final ModelDescriptor d;

        PlaneLagrangian(String name, String... kinds) {
            d = planeDescriptor(name, kinds);
        }

        @Override
        public ModelDescriptor descriptor() {
            return d;
        }

        @Override
        public double lagrangian(double t, double[] x, double[] v, double[] th) {
            return lagrangianGradient(t, x, v, th, new double[2], new double[2], new double[1]);
        }
    }

    /** ½|v|² + θ₀|x|² (the well task's Lagrangian). */
    static final class Well extends PlaneLagrangian {
        Well() {
            super("Well", "lagrangian");
        }

        @Override
        public double lagrangianGradient(double t, double[] x, double[] v, double[] th, double[] gx, double[] gv,
                                         double[] gTheta) {
            double r2 = x[0] * x[0] + x[1] * x[1];
            gx[0] = 2 * th[0] * x[0];
            gx[1] = 2 * th[0] * x[1];
            gv[0] = v[0];
            gv[1] = v[1];
            gTheta[0] = r2;
            return 0.5 * (v[0] * v[0] + v[1] * v[1]) + th[0] * r2;
        }
    }

    /**
     * The hill L = ½·kinetic·|v|² + V, V = θ₀ exp(−|x|²), with its acceleration kernels (Euler–Lagrange:
     * a = ∇V/kinetic, ∂a/∂x = ∇²V/kinetic with ∇²V = θ₀ e^{−|x|²}(4xxᵀ − 2I)); {@code kinetic} 1 is the
     * hill task's form ½|v|² + V.
     */
    static final class Hill extends PlaneLagrangian implements AccelerationKernels {
        private final double kinetic;

        Hill(double kinetic) {
            super("Hill", "lagrangian", "acceleration");
            this.kinetic = kinetic;
        }

        @Override
        public double lagrangianGradient(double t, double[] x, double[] v, double[] th, double[] gx, double[] gv,
                                         double[] gTheta) {
            double e = Math.exp(-(x[0] * x[0] + x[1] * x[1]));
            gx[0] = -2 * x[0] * th[0] * e;
            gx[1] = -2 * x[1] * th[0] * e;
            gv[0] = kinetic * v[0];
            gv[1] = kinetic * v[1];
            gTheta[0] = e;
            return 0.5 * kinetic * (v[0] * v[0] + v[1] * v[1]) + th[0] * e;
        }

        @Override
        public void acceleration(double t, double[] x, double[] v, double[] th, double[] a) {
            double e = Math.exp(-(x[0] * x[0] + x[1] * x[1]));
            a[0] = -2 * x[0] * th[0] * e / kinetic;
            a[1] = -2 * x[1] * th[0] * e / kinetic;
        }

        @Override
        public void accelerationJvp(double t, double[] x, double[] v, double[] th, double[] dx, double[] dv,
                                    double[] da) {
            double e = th[0] * Math.exp(-(x[0] * x[0] + x[1] * x[1])) / kinetic;
            double h00 = e * (4 * x[0] * x[0] - 2);
            double h01 = e * 4 * x[0] * x[1];
            double h11 = e * (4 * x[1] * x[1] - 2);
            da[0] = h00 * dx[0] + h01 * dx[1];
            da[1] = h01 * dx[0] + h11 * dx[1];
        }

        @Override
        public void accelerationVjp(double t, double[] x, double[] v, double[] th, double[] aBar, double[] xBar,
                                    double[] vBar, double[] thetaBar) {
            throw new UnsupportedOperationException();
        }
    }
}
