package geo.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.api.AccelerationKernels;
import geo.runtime.api.CompiledModel;
import geo.runtime.api.ImplicitAcceleration;
import geo.runtime.api.ModelDescriptor;
import geo.runtime.api.StepKernels;
import geo.runtime.geodesic.ExpTape;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.geodesic.Geodesics;
import geo.runtime.load.Model;
import geo.runtime.ode.IntegrationException;
import java.lang.reflect.Method;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fused RK4 step kernels ({@link StepKernels}, generated for explicit accelerations) against
 * the same integrator calling the acceleration four times per step: the compiled kernels behind a
 * wrapper that hides the fused ones. The fused step performs the unfused step's operations in
 * its order, and the fused VJP the unfused stage-by-stage adjoint's ({@code IntegratorStep}), so
 * exp, every recorded step start and the gradients (x̄, v̄, θ̄) are identical bit for bit, and so are
 * x̄, v̄ of the state-only VJP used when θ̄ is not asked for. Models: the sphere, the Poincaré
 * ball, the network metrics {@code deep.geo} (195 θ) and {@code graph-embedding/deep2.geo} (195 θ,
 * through an imported layer) and the time-dependent Lagrangian (stages at t + h/2 and t + h).
 */
class FusedStepTest {

    private static final GeodesicMethod RK4 = GeodesicMethod.rk4(40);

    @Test
    void sphere() {
        compare("sphere.geo", new double[] {0.9, 0.4}, new double[] {0.3, -0.8});
    }

    @Test
    void poincareBall() {
        compare("poincare.geo", new double[] {0.2, -0.3}, new double[] {0.5, 0.4});
    }

    @Test
    void networkMetric() {
        compare("deep.geo", new double[] {0.3, -0.2}, new double[] {0.6, 0.5});
    }

    @Test
    void learnedEmbeddingMetric() {
        compare("graph-embedding/deep2.geo", new double[] {0.3, -0.2}, new double[] {0.6, 0.5});
    }

    @Test
    void timeDependentLagrangian() {
        compare("timed.geo", new double[] {0.5, -0.4}, new double[] {0.2, 0.9});
    }

    /**
     * The unfused adjoint (DOPRI5) without θ̄ runs the compiled state-only acceleration VJP
     * ({@code accelerationVjpStates}; for an implicit acceleration its {@code systemVjpStates}):
     * x̄, v̄ are the bits of the adjoint that computes θ̄, for the network metric (explicit, d = 2)
     * and deep5 (implicit, d = 5), and a single VJP's x̄, v̄ are the full VJP's.
     */
    @Test
    void adjointWithoutThetaGivesTheSameStateBits() {
        for (String file : new String[] {"graph-embedding/deep2.geo", "graph-embedding/deep5.geo"}) {
            Model m = GeometryOracles.model(file);
            AccelerationKernels k = m.acceleration();
            String kernel = k instanceof ImplicitAcceleration ? "systemVjpStates"
                    : "accelerationVjpStates";
            boolean declared = false;
            for (Method method : k.getClass().getDeclaredMethods()) {
                declared |= method.getName().equals(kernel);
            }
            assertTrue(declared, file + " should have a compiled " + kernel);
            int d = m.dimension();
            double[] theta = ModelSpaceTest.bent(m, 5);
            SplittableRandom r = new SplittableRandom(17);
            double[] x = r.doubles(d, -0.4, 0.4).toArray();
            double[] v = r.doubles(d, -1, 1).toArray();
            double[] aBar = r.doubles(d, -1, 1).toArray();
            double[] gx = new double[d];
            double[] gv = new double[d];
            double[] sx = new double[d];
            double[] sv = new double[d];
            k.accelerationVjp(0.3, x, v, theta, aBar, gx, gv, new double[theta.length]);
            k.accelerationVjpStates(0.3, x, v, theta, aBar, sx, sv);
            assertIdentical(gx, sx, file + " VJP x̄");
            assertIdentical(gv, sv, file + " VJP v̄");
            ExpTape tape = new Geodesics(k, GeodesicMethod.dopri5(1e-10, 1e-10)).forward(x, v, theta);
            double[] xEndBar = r.doubles(d, -1, 1).toArray();
            double[] vEndBar = r.doubles(d, -1, 1).toArray();
            tape.backward(xEndBar, vEndBar, gx, gv, new double[theta.length]);
            tape.backward(xEndBar, vEndBar, sx, sv, null);
            assertIdentical(gx, sx, file + " adjoint x̄");
            assertIdentical(gv, sv, file + " adjoint v̄");
        }
    }

    /** Leaving the ball is reported at the step that leaves it, as without fusion. */
    @Test
    void leavingTheDomainIsReportedByTheFusedPath() {
        Model m = GeometryOracles.model("poincare.geo");
        double[] x = {0.9, 0};
        double[] v = {40, 0};
        Geodesics fused = new Geodesics(m.acceleration(), GeodesicMethod.rk4(10));
        Geodesics plain = new Geodesics(unfused(m.acceleration()), GeodesicMethod.rk4(10));
        IntegrationException a = assertThrows(IntegrationException.class,
                () -> fused.exp(x, v, m.defaultParameters(), new double[2], null));
        IntegrationException b = assertThrows(IntegrationException.class,
                () -> plain.exp(x, v, m.defaultParameters(), new double[2], null));
        assertEquals(b.reason(), a.reason());
        assertEquals(b.steps(), a.steps());
        IntegrationException c = assertThrows(IntegrationException.class,
                () -> fused.forward(x, v, m.defaultParameters()));
        assertEquals(b.reason(), c.reason());
        assertEquals(b.steps(), c.steps());
    }

    private static void compare(String file, double[] x, double[] v) {
        Model m = GeometryOracles.model(file);
        assertInstanceOf(StepKernels.class, m.acceleration(), file + " should have fused step kernels");
        int d = x.length;
        double[] theta = m.defaultParameters().clone();
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < theta.length; i++) {
            theta[i] += 0.05 * r.nextGaussian();
        }
        Geodesics fused = new Geodesics(m.acceleration(), RK4);
        Geodesics plain = new Geodesics(unfused(m.acceleration()), RK4);
        double[] xf = new double[d];
        double[] vf = new double[d];
        double[] xp = new double[d];
        double[] vp = new double[d];
        fused.exp(x, v, theta, xf, vf);
        plain.exp(x, v, theta, xp, vp);
        assertIdentical(xp, xf, file + " exp end point");
        assertIdentical(vp, vf, file + " exp end velocity");

        ExpTape tf = fused.forward(x, v, theta);
        ExpTape tp = plain.forward(x, v, theta);
        double[] endF = new double[d];
        tf.endPoint(endF);
        assertIdentical(xf, endF, file + " recorded end point equals exp");
        double[] sf = new double[d];
        double[] sv = new double[d];
        double[] pf = new double[d];
        double[] pv = new double[d];
        for (int k = 0; k < tf.steps(); k++) {
            tf.stepStart(k, sf, sv);
            tp.stepStart(k, pf, pv);
            assertIdentical(pf, sf, file + " start of step " + k);
            assertIdentical(pv, sv, file + " velocity at the start of step " + k);
        }
        double[] xEndBar = {0.7, -1.1};
        double[] vEndBar = {0.4, 0.9};
        double[] gxF = new double[d];
        double[] gvF = new double[d];
        double[] gtF = new double[theta.length];
        double[] gxP = new double[d];
        double[] gvP = new double[d];
        double[] gtP = new double[theta.length];
        tf.backward(xEndBar, vEndBar, gxF, gvF, gtF);
        tp.backward(xEndBar, vEndBar, gxP, gvP, gtP);
        assertIdentical(gxP, gxF, file + " x̄");
        assertIdentical(gvP, gvF, file + " v̄");
        assertIdentical(gtP, gtF, file + " θ̄");
        // A second backward pass over the same tape gives the same gradient (the tape is read only).
        double[] again = new double[d];
        tf.backward(xEndBar, vEndBar, again, new double[d], null);
        assertIdentical(gxF, again, file + " x̄ again");
        statesOnly(m, file, x, v, theta, xEndBar, vEndBar, gxF, gvF);
    }

    /**
     * Without θ̄ the adjoint runs the compiled state-only VJP ({@code rk4StepVjpStates}, the θ̄
     * outputs dropped before scheduling): x̄ and v̄ are the full kernel's bits. So does the
     * interface's default (the full VJP into scratch arrays), which a hand-written class or one
     * compiled before the kernel existed gets.
     */
    private static void statesOnly(Model m, String file, double[] x, double[] v, double[] theta, double[] xEndBar,
                                   double[] vEndBar, double[] gx, double[] gv) {
        Class<?>[] sig = {double.class, double.class, double[].class, double[].class, int.class, double[].class,
                double[].class, double[].class, double[].class};
        try {
            assertEquals(m.acceleration().getClass(),
                    m.acceleration().getClass().getMethod("rk4StepVjpStates", sig).getDeclaringClass(),
                    file + " should have a compiled rk4StepVjpStates");
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
        int d = x.length;
        for (AccelerationKernels k : new AccelerationKernels[] {m.acceleration(),
                withoutStates((StepKernels) m.acceleration())}) {
            ExpTape tape = new Geodesics(k, RK4).forward(x, v, theta);
            double[] xs = {Double.NaN, 5};
            double[] vs = {Double.NaN, 5};
            tape.backward(xEndBar, vEndBar, xs, vs, null);
            String what = file + (k == m.acceleration() ? " compiled" : " default") + " state-only ";
            assertIdentical(gx, xs, what + "x̄");
            assertIdentical(gv, vs, what + "v̄");
        }
    }

    /** The same bits, element by element (so −0.0 differs from 0.0 and NaN equals NaN only as NaN). */
    private static void assertIdentical(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                    what + "[" + i + "]: " + expected[i] + " vs " + actual[i]);
        }
    }

    /** The kernels without their fused steps, so that the integrator takes its four-stage path. */
    static AccelerationKernels unfused(AccelerationKernels k) {
        return new Unfused(k);
    }

    /** The fused kernels with the state-only VJP left to the interface's default. */
    private static StepKernels withoutStates(StepKernels k) {
        return new WithoutStates(k);
    }

    /** Delegates the acceleration kernels only, so that the integrator takes its four-stage path. */
    private static class Unfused implements AccelerationKernels {

        final AccelerationKernels k;

        Unfused(AccelerationKernels k) {
            this.k = k;
        }

        @Override
        public void acceleration(double t, double[] x, double[] v, double[] theta, double[] a) {
            k.acceleration(t, x, v, theta, a);
        }

        @Override
        public void accelerationJvp(double t, double[] x, double[] v, double[] theta, double[] dx, double[] dv,
                                    double[] da) {
            k.accelerationJvp(t, x, v, theta, dx, dv, da);
        }

        @Override
        public void accelerationVjp(double t, double[] x, double[] v, double[] theta, double[] aBar,
                                    double[] xBar, double[] vBar, double[] thetaBar) {
            k.accelerationVjp(t, x, v, theta, aBar, xBar, vBar, thetaBar);
        }

        @Override
        public ModelDescriptor descriptor() {
            return k.descriptor();
        }

        @Override
        public CompiledModel copy() {
            return new Unfused((AccelerationKernels) k.copy());
        }
    }

    /** Delegates the fused step kernels too, but not the state-only VJPs (the interfaces' defaults run). */
    private static final class WithoutStates extends Unfused implements StepKernels {

        private final StepKernels step;

        WithoutStates(StepKernels k) {
            super(k);
            this.step = k;
        }

        @Override
        public void rk4Step(double t, double h, double[] x, double[] v, double[] theta, double[] xOut,
                            double[] vOut) {
            step.rk4Step(t, h, x, v, theta, xOut, vOut);
        }

        @Override
        public int rk4Row() {
            return step.rk4Row();
        }

        @Override
        public void rk4StepRecord(double t, double h, double[] theta, double[] rows, int at) {
            step.rk4StepRecord(t, h, theta, rows, at);
        }

        @Override
        public void rk4StepVjp(double t, double h, double[] theta, double[] rows, int at, double[] xEndBar,
                               double[] vEndBar, double[] thetaBarIn, double[] xBar, double[] vBar,
                               double[] thetaBar) {
            step.rk4StepVjp(t, h, theta, rows, at, xEndBar, vEndBar, thetaBarIn, xBar, vBar, thetaBar);
        }

        @Override
        public CompiledModel copy() {
            return new WithoutStates((StepKernels) step.copy());
        }
    }
}
