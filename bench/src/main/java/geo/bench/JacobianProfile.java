package geo.bench;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.api.ImplicitAcceleration;
import geo.runtime.api.StepKernels;
import geo.runtime.geodesic.ExpTape;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.geodesic.Geodesics;
import geo.runtime.load.Model;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The exact Jacobian ∂exp_x/∂v two ways (issue 23): d reverse passes of the discrete adjoint
 * ({@link ExpTape#backward}, fused RK4 VJP kernels that also compute θ̄) against one forward pass
 * carrying d tangents ({@link ExpTape#positionJacobian}, one factorisation per stage for an
 * implicit acceleration). CPU µs per Jacobian of one thread after a warm-up, RK4 with 100 steps
 * and DOPRI5 at 1e-12: the measurement behind {@code Shooting}'s choice of mode.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar geo.bench.JacobianProfile [examples]}.
 */
public final class JacobianProfile {

    private JacobianProfile() {
    }

    public static void main(String[] args) throws IOException {
        Path examples = Path.of(args.length > 0 ? args[0] : "examples");
        System.out.printf("%-22s %4s %6s %-9s %-10s %12s %12s %8s%n", "model", "d", "P", "kernels", "method",
                "reverse µs", "forward µs", "rev/fwd");
        for (int d : new int[] {2, 10, 20}) {
            run(compile(SourceFile.of("p.geo", ScaleProfile.poincare(d))), 0.3);
        }
        run(compile(SourceFile.read(examples.resolve("deep.geo"))), 0.3);
        for (int d : new int[] {5, 10}) {
            run(compile(SourceFile.of("n.geo", ScaleProfile.network(d))), 0.3);
        }
        run(compile(SourceFile.read(examples.resolve("graph-embedding/deep5.geo"))), 0.3);
    }

    private static Model compile(SourceFile source) {
        return Compiler.compile(Frontend.check(source), source).load().only();
    }

    private static void run(Model m, double scale) {
        for (GeodesicMethod method : new GeodesicMethod[] {GeodesicMethod.rk4(100), GeodesicMethod.dopri5(1e-12, 1e-12)}) {
            int d = m.dimension();
            double[] theta = m.defaultParameters();
            SplittableRandom random = new SplittableRandom(5);
            double[] x = random.doubles(d, -scale, scale).toArray();
            double[] v = random.doubles(d, -scale, scale).toArray();
            Geodesics g = new Geodesics(m.acceleration(), method);
            ExpTape tape = g.forward(x, v, theta);
            double[] jac = new double[d * d];
            double[] unit = new double[d];
            double[] xBar = new double[d];
            double[] vBar = new double[d];
            double reverse = cpu(() -> {
                for (int i = 0; i < d; i++) {
                    Arrays.fill(unit, 0);
                    unit[i] = 1;
                    tape.backward(unit, null, xBar, vBar, null);
                    System.arraycopy(vBar, 0, jac, i * d, d);
                }
            });
            double forward = cpu(() -> tape.positionJacobian(jac));
            String kernels = m.acceleration() instanceof ImplicitAcceleration ? "implicit"
                    : m.acceleration() instanceof StepKernels ? "fused" : "explicit";
            System.out.printf("%-22s %4d %6d %-9s %-10s %12.1f %12.1f %8.2f%n", m.name(), d, theta.length, kernels,
                    method.adaptive() ? "dopri5" : "rk4 × 100", reverse, forward, reverse / forward);
        }
    }

    /** CPU µs per run of body, over at least half a second after a warm-up of the same length. */
    private static double cpu(Runnable body) {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        for (int pass = 0; pass < 2; pass++) {
            long t0 = bean.getCurrentThreadCpuTime();
            int runs = 0;
            long elapsed;
            do {
                body.run();
                runs++;
                elapsed = bean.getCurrentThreadCpuTime() - t0;
            } while (elapsed < 500_000_000L);
            if (pass == 1) {
                return elapsed / 1e3 / runs;
            }
        }
        throw new AssertionError();
    }
}
