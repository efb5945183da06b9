package geo.bench;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.bvp.Distances;
import geo.runtime.bvp.Shooting;
import geo.runtime.geodesic.GeodesicMethod;
import geo.runtime.load.Model;
import geo.runtime.load.ParameterFile;
import geo.runtime.manifold.compiled.ModelSpace;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The cost of one distance-and-gradient call of the learned metrics of graph embedding
 * ({@code examples/graph-embedding/deep2.geo} and {@code deep5.geo}) for the integrators, Newton
 * tolerances and θ-quadratures a training run may use: µs per call, the share of the θ-gradient
 * quadrature, the errors against DOPRI5 at 1e-12, and Newton iterations of warm and cold starts
 * after a small optimiser-like step. One thread, wall clock after a warm-up: a profile for choosing
 * {@link ModelSpace.Options#TRAINING}, not a JMH benchmark.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar geo.bench.DistanceProfile examples [deep2.geo deep5.geo]}.
 * With {@code --training} as the second argument ({@code … examples --training deep2.geo deep5.geo
 * deep10.geo deep20.geo}) only the {@link ModelSpace.Options#TRAINING} row is profiled, on
 * {@value #TRAINING_PAIRS} pairs and without the DOPRI5 reference: the cost of a call against d.
 *
 * <p>A model argument {@code deepD.geo:PARAMS.json:POINTS.csv} profiles a trained metric instead of
 * the perturbed initial one: θ from {@code geo embed --save-params}, and pairs of distinct nodes drawn
 * (seed 1) from the embedding {@code geo embed --out} wrote ({@code node,x0,x1,…}), so that the
 * geodesics are those training and evaluation solve. Paths are relative to the working directory.
 */
public final class DistanceProfile {

    private static int PAIRS = 100;
    /** Pairs of the {@code --training} profile (fewer: a cold call at d = 20 takes tens of ms). */
    private static final int TRAINING_PAIRS = 30;

    private DistanceProfile() {
    }

    public static void main(String[] args) throws IOException {
        Path examples = Path.of(args.length > 0 ? args[0] : "examples");
        boolean trainingOnly = args.length > 1 && args[1].equals("--training");
        int first = trainingOnly ? 2 : 1;
        String[] files = args.length > first ? Arrays.copyOfRange(args, first, args.length)
                : new String[] {"deep2.geo", "deep5.geo"};
        for (String file : files) {
            String[] parts = file.split(":");
            Path path = examples.resolve("graph-embedding").resolve(parts[0]);
            Model model = Compiler.compile(Frontend.checkFile(path).program(), SourceFile.read(path)).load().only();
            if (trainingOnly) {
                PAIRS = TRAINING_PAIRS;
            }
            Pairs pairs = parts.length == 3 ? Pairs.trained(model, Path.of(parts[1]), Path.of(parts[2])) : Pairs.of(model);
            if (parts.length == 3) {
                System.out.printf("%s: trained θ from %s, pairs of nodes of %s%n", parts[0], parts[1], parts[2]);
            }
            if (trainingOnly) {
                training(model, pairs);
            } else {
                profile(model, pairs);
            }
        }
    }

    /**
     * The {@link ModelSpace.Options#TRAINING} configuration only: cold and warm CPU µs per call,
     * Newton iterations, shots and exact Jacobians, as {@link #row} measures them, without errors.
     */
    private static void training(Model model, Pairs pairs) {
        int d = model.dimension();
        double[] theta = pairs.theta();
        double[][] xs = pairs.xs();
        double[][] ys = pairs.ys();
        SplittableRandom step = new SplittableRandom(2);
        double[][] xs2 = perturb(xs, step);
        double[][] ys2 = perturb(ys, step);
        double[] theta2 = perturb(new double[][] {theta}, step)[0];
        ModelSpace.Options options = ModelSpace.Options.TRAINING;
        double[] coldRun = epochs(new ModelSpace(model, options.cold()), xs, ys, theta, xs2, ys2, theta2);
        double[] warmRun = epochs(new ModelSpace(model, options), xs, ys, theta, xs2, ys2, theta2);
        System.out.printf("%s d = %d, P = %d, %d pairs, TRAINING (%s): cold %.0f µs (%.1f/%.1f/%.1f it/sh/J), "
                        + "warm %.0f µs (%.1f/%.1f/%.1f it/sh/J)%n", model.name(), d, theta.length, PAIRS,
                options.method(), coldRun[0], coldRun[1], coldRun[2], coldRun[3], warmRun[0], warmRun[1], warmRun[2],
                warmRun[3]);
    }

    /** θ and {@link #PAIRS} random pairs with coordinates N(0, 1), from seed 1. */
    private record Pairs(double[] theta, double[][] xs, double[][] ys) {

        static Pairs of(Model model) {
            int d = model.dimension();
            SplittableRandom random = new SplittableRandom(1);
            // A metric bent as after training: the output weights of a trained network are far from the
            // initial 0.01 scale, so profile with every parameter moved by 0.1 N(0, 1).
            double[] theta = model.defaultParameters();
            for (int k = 0; k < theta.length; k++) {
                theta[k] += 0.1 * random.nextGaussian();
            }
            double[][] xs = new double[PAIRS][d];
            double[][] ys = new double[PAIRS][d];
            for (int i = 0; i < PAIRS; i++) {
                for (int j = 0; j < d; j++) {
                    xs[i][j] = random.nextGaussian();
                    ys[i][j] = random.nextGaussian();
                }
            }
            return new Pairs(theta, xs, ys);
        }

        /** θ of a trained model and {@link #PAIRS} pairs of distinct nodes of its embedding, from seed 1. */
        static Pairs trained(Model model, Path params, Path points) throws IOException {
            double[] theta;
            try {
                theta = ParameterFile.apply(params, model.descriptor(), model.defaultParameters(), true);
            } catch (ParameterFile.Invalid e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            List<String> lines = Files.readAllLines(points);
            int d = model.dimension();
            double[][] nodes = new double[lines.size() - 1][d];
            for (int i = 1; i < lines.size(); i++) {
                String[] cells = lines.get(i).split(",");
                if (cells.length != d + 1) {
                    throw new IllegalArgumentException(points + ":" + (i + 1) + ": expected node and " + d
                            + " coordinates, got " + cells.length + " cells");
                }
                for (int j = 0; j < d; j++) {
                    nodes[i - 1][j] = Double.parseDouble(cells[j + 1]);
                }
            }
            SplittableRandom random = new SplittableRandom(1);
            double[][] xs = new double[PAIRS][];
            double[][] ys = new double[PAIRS][];
            for (int i = 0; i < PAIRS; i++) {
                int a = random.nextInt(nodes.length);
                int b = random.nextInt(nodes.length - 1);
                xs[i] = nodes[a].clone();
                ys[i] = nodes[b < a ? b : b + 1].clone();
            }
            return new Pairs(theta, xs, ys);
        }
    }

    private static void profile(Model model, Pairs pairs) {
        int d = model.dimension();
        double[] theta = pairs.theta();
        double[][] xs = pairs.xs();
        double[][] ys = pairs.ys();
        Reference reference = new Reference(model, theta, xs, ys);
        System.out.printf("%n%s (d = %d, P = %d), %d random pairs; CPU µs per call%n", model.name(), d, theta.length,
                PAIRS);
        System.out.printf("%-44s %8s %8s %14s %14s %7s %8s %8s%n", "method, Newton, quadrature", "cold µs", "warm µs",
                "cold it/sh/J", "warm it/sh/J", "quad %", "dist err", "grad err");
        Shooting.Options exact = Shooting.Options.DEFAULT;
        Shooting.Options loose = new Shooting.Options(1e-9, 50, 30, false);
        Shooting.Options broyden = new Shooting.Options(1e-9, 50, 30, true);
        Shooting.Options training = ModelSpace.Options.TRAINING.newton();
        GeodesicMethod rk16 = GeodesicMethod.rk4(16);
        // Warms up the JIT, so that the first printed row is not slower for it.
        row(model, theta, xs, ys, reference, new ModelSpace.Options(rk16, broyden, Distances.MESH, true), false);
        row(model, theta, xs, ys, reference, new ModelSpace.Options(rk16, exact, Distances.QUADRATURE_POINTS, true), true);
        row(model, theta, xs, ys, reference, new ModelSpace.Options(rk16, loose, Distances.QUADRATURE_POINTS, true), true);
        row(model, theta, xs, ys, reference, new ModelSpace.Options(rk16, loose, Distances.MESH, true), true);
        row(model, theta, xs, ys, reference, new ModelSpace.Options(rk16, broyden, Distances.MESH, true), true);
        for (int steps : new int[] {8, 12, 16, 32}) {
            row(model, theta, xs, ys, reference,
                    new ModelSpace.Options(GeodesicMethod.rk4(steps), training, Distances.MESH, true), true);
        }
        GeodesicMethod dopri = GeodesicMethod.dopri5(1e-6, 1e-6);
        row(model, theta, xs, ys, reference, new ModelSpace.Options(dopri, training, 17, true), true);
    }

    /**
     * One configuration: errors against the reference; then "epochs" that alternate the points and
     * θ between their base values and a step of 1e-3 N(0, 1) in every entry (an optimiser step),
     * timed with and without warm starts; and the share of the θ quadrature in a cold call.
     */
    private static void row(Model model, double[] theta, double[][] xs, double[][] ys, Reference reference,
                            ModelSpace.Options options, boolean print) {
        int d = model.dimension();
        int p = theta.length;
        double[] gx = new double[d];
        double[] gy = new double[d];
        double[] gt = new double[p];
        ModelSpace cold = new ModelSpace(model, options.cold());
        double distError = 0;
        double gradError = 0;
        for (int i = 0; i < PAIRS; i++) {
            double dist = cold.distance(i, xs[i], ys[i], theta, gx, gy, gt).valueOr(Double.NaN);
            distError = Math.max(distError, Math.abs(dist - reference.distances[i]) / reference.distances[i]);
            gradError = Math.max(gradError, reference.gradientError(i, gx, gy, gt));
        }
        SplittableRandom random = new SplittableRandom(2);
        double[][] xs2 = perturb(xs, random);
        double[][] ys2 = perturb(ys, random);
        double[][] theta2 = perturb(new double[][] {theta}, random);
        double[] coldRun = epochs(cold, xs, ys, theta, xs2, ys2, theta2[0]);
        double[] warmRun = epochs(new ModelSpace(model, options), xs, ys, theta, xs2, ys2, theta2[0]);
        Distances distances = new Distances(model, options.method(), options.newton(), options.quadraturePoints());
        double distOnly = cpu(() -> {
            for (int i = 0; i < PAIRS; i++) {
                distances.distance(xs[i], ys[i], theta);
            }
        }) / PAIRS;
        double withGradient = cpu(() -> {
            for (int i = 0; i < PAIRS; i++) {
                distances.distanceGradient(xs[i], ys[i], theta, gx, gy, gt);
            }
        }) / PAIRS;
        if (!print) {
            return;
        }
        String quadrature = options.quadraturePoints() == Distances.MESH ? "mesh" : options.quadraturePoints() + " pts";
        System.out.printf("%-44s %8.0f %8.0f %4.1f/%4.1f/%4.1f %4.1f/%4.1f/%4.1f %7.0f %8.1e %8.1e%n",
                options.method() + ", " + options.newton().tolerance()
                        + (options.newton().jacobianUpdates() ? " Broyden" : "") + ", " + quadrature,
                coldRun[0], warmRun[0], coldRun[1], coldRun[2], coldRun[3], warmRun[1], warmRun[2], warmRun[3],
                100 * (withGradient - distOnly) / withGradient, distError, gradError);
    }

    /**
     * Per call over 6 epochs alternating the two states: CPU µs, Newton iterations, shots and exact
     * Jacobians.
     */
    private static double[] epochs(ModelSpace space, double[][] xs, double[][] ys, double[] theta, double[][] xs2,
                                   double[][] ys2, double[] theta2) {
        int d = space.dimension();
        double[] gx = new double[d];
        double[] gy = new double[d];
        double[] gt = new double[theta.length];
        long[] iterations = new long[1];
        for (int i = 0; i < PAIRS; i++) {
            space.distance(i, xs[i], ys[i], theta, gx, gy, gt);
        }
        long shots = space.shots();
        long jacobians = space.exactJacobians();
        double micros = cpu(() -> {
            for (int epoch = 1; epoch <= 6; epoch++) {
                boolean odd = epoch % 2 == 1;
                for (int i = 0; i < PAIRS; i++) {
                    space.distance(i, odd ? xs2[i] : xs[i], odd ? ys2[i] : ys[i], odd ? theta2 : theta, gx, gy, gt);
                    iterations[0] += space.lastLog().iterations();
                }
            }
        });
        // cpu() runs the epochs twice.
        double calls = 2 * 6.0 * PAIRS;
        return new double[] {micros / (6 * PAIRS), iterations[0] / calls, (space.shots() - shots) / calls,
            (space.exactJacobians() - jacobians) / calls};
    }

    private static double[][] perturb(double[][] points, SplittableRandom random) {
        double[][] out = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            out[i] = points[i].clone();
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] += 1e-3 * random.nextGaussian();
            }
        }
        return out;
    }

    /** CPU microseconds of this thread for one run of {@code body}, after one untimed run. */
    private static double cpu(Runnable body) {
        body.run();
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        long t0 = bean.getCurrentThreadCpuTime();
        body.run();
        return (bean.getCurrentThreadCpuTime() - t0) / 1e3;
    }

    /** Distances and gradients by DOPRI5 at 1e-12 with 201 quadrature points and Newton to 1e-12. */
    private static final class Reference {
        final double[] distances;
        final double[][] gradients;

        Reference(Model model, double[] theta, double[][] xs, double[][] ys) {
            int d = model.dimension();
            Distances exact = new Distances(model, GeodesicMethod.dopri5(1e-12, 1e-12), new Shooting.Options(1e-12, 50, 30));
            distances = new double[xs.length];
            gradients = new double[xs.length][];
            for (int i = 0; i < xs.length; i++) {
                double[] g = new double[2 * d + theta.length];
                double[] gx = new double[d];
                double[] gy = new double[d];
                double[] gt = new double[theta.length];
                distances[i] = exact.distanceGradient(xs[i], ys[i], theta, gx, gy, gt).value();
                System.arraycopy(gx, 0, g, 0, d);
                System.arraycopy(gy, 0, g, d, d);
                System.arraycopy(gt, 0, g, 2 * d, gt.length);
                gradients[i] = g;
            }
        }

        /** max |g − g_ref| / max |g_ref| over x, y and θ. */
        double gradientError(int pair, double[] gx, double[] gy, double[] gt) {
            double[] ref = gradients[pair];
            int d = gx.length;
            double scale = 0;
            double error = 0;
            for (int k = 0; k < ref.length; k++) {
                double value = k < d ? gx[k] : k < 2 * d ? gy[k - d] : gt[k - 2 * d];
                scale = Math.max(scale, Math.abs(ref[k]));
                error = Math.max(error, Math.abs(value - ref[k]));
            }
            return error / scale;
        }
    }
}
