package geo.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.api.FunctionKernels;
import geo.runtime.api.LagrangianKernels;
import geo.runtime.learn.lagrangian.AmortisationBenchmark;
import geo.runtime.learn.lagrangian.AmortiserFit;
import geo.runtime.learn.lagrangian.Networks;
import geo.runtime.learn.lagrangian.PathSolver;
import geo.runtime.learn.lagrangian.Task;
import geo.runtime.load.ModelSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The multi-hypothesis amortiser ({@link Networks} with K heads): the heads' paths are their outputs
 * added to the straight line bent by their anchor arcs b_h sin(πt) n̂ (closed form, per pair and
 * through the batch kernel); the benchmark keeps, for every pair, the head of lowest action
 * (recomputed here with the dense action); the winner-takes-all fit on a strong hill (two mirror
 * local minima) sends pairs to both heads and lowers the winners' gap.
 */
class AmortiserHeadsTest {

    private static final int T = 20;

    private static ModelSet compile(String name, String text) {
        SourceFile source = SourceFile.of(name, text);
        Frontend.Result r = Frontend.check(source);
        assertTrue(r.ok(), r.diagnostics().render());
        return Compiler.compile(r.program(), source).load();
    }

    private static final String NETS = """
            param w[2] = [0.03, -0.02];
            fn g(y[2]) = dot(w, y);
            fn T(x[2]) = x;
            """;

    /** Two heads of a small network: zero at its zero parameters, so the paths are the anchors. */
    private static final String HEADS = """
            param aW1[8, 2] ~ normal(0, 0.5);  param aV1[8, 2] ~ normal(0, 0.5);  param ab1[8] = zeros;
            param aW3[72, 8] ~ normal(0, 0.1); param ab3[72] = zeros;
            fn path(x[2], y[2]) = aW3 * relu(aW1 * x + aV1 * y + ab1) + ab3;
            """;

    /** ½|v|² + M exp(−|x|²) (the hill task's Lagrangian). */
    private static final String HILL = """
            manifold Hill {
              coords x[2];
              param M = 0.05;
              lagrangian L(v) = 0.5 * dot(v, v) + M * exp(-dot(x, x));
            }
            """;

    /** The networks with the two-head amortiser at its LeCun initial values drawn with {@code seed}, or zero (−1). */
    private static Networks networks(long seed) {
        ModelSet nets = compile("nets.geo", NETS);
        FunctionKernels a = compile("heads.geo", HEADS).function("path").function();
        double[] theta = seed < 0 ? new double[a.descriptor().parameterCount()]
                : Networks.lecunInit(a.descriptor(), new SplittableRandom(seed));
        return new Networks(nets.function("g").function(), nets.function("T").function(), a, new double[] {0.03, -0.02},
                theta);
    }

    @Test
    void headsAreAnchoredArcsPerPairAndBatched() {
        Networks nets = networks(-1);
        assertEquals(2, nets.heads(T));
        assertThrows(IllegalArgumentException.class, () -> nets.heads(15), "72 is not a multiple of 26");
        double[][] xs = {{-1.1, 0.3}, {-1.0, -0.6}, {-1.2, 0.0}};
        double[][] ys = {{1.1, -0.2}, {1.2, 0.7}, {1.0, 0.0}};
        double[][] rows = nets.paths(xs, ys, T);
        assertEquals(6, rows.length);
        double[] all = new double[72];
        double[] first = new double[36];
        for (int i = 0; i < xs.length; i++) {
            double dx = ys[i][0] - xs[i][0];
            double dy = ys[i][1] - xs[i][1];
            nets.headPaths(xs[i], ys[i], T, all);
            nets.path(xs[i], ys[i], T, first);
            for (int h = 0; h < 2; h++) {
                double b = (h == 0 ? -1 : 1) * Networks.ANCHOR_BEND;
                for (int k = 1; k < T - 1; k++) {
                    double t = (double) k / (T - 1);
                    double s = b * Math.sin(Math.PI * t);
                    double ex = xs[i][0] + t * dx - s * dy;
                    double ey = xs[i][1] + t * dy + s * dx;
                    int j = 2 * (k - 1);
                    assertEquals(ex, rows[2 * i + h][j], 1e-15);
                    assertEquals(ey, rows[2 * i + h][j + 1], 1e-15);
                    assertEquals(ex, all[36 * h + j], 1e-15);
                    assertEquals(ey, all[36 * h + j + 1], 1e-15);
                }
            }
            assertArrayEquals(java.util.Arrays.copyOf(all, 36), first, 0, "path() is head 0");
        }
        // The sagitta at t = ½ is b|y − x|, to the left of x → y for the positive anchor.
        assertEquals(Networks.ANCHOR_BEND * 2.2 * Math.sin(Math.PI * 9 / 19), rows[5][2 * 8 + 1], 1e-15);
    }

    @Test
    void benchmarkKeepsTheLowerHeadAndTheFitUsesBoth() {
        LagrangianKernels hill = compile("hill.geo", HILL).only().lagrangian();
        double[] theta = {0.5};
        PathSolver.Options o = PathSolver.Options.DEFAULTS;
        SplittableRandom r = new SplittableRandom(5);
        int n = 24;
        double[][] xs = Task.HILL.sources(r, n);
        double[][] ys = Task.HILL.targets(r, n);
        Networks nets = networks(-1);
        AmortisationBenchmark.Result res = AmortisationBenchmark.run(null, hill, theta, o, nets, xs, ys,
                AmortisationBenchmark.Settings.DEFAULTS.withNewton(false));
        // Recompute: the amortiser is zero, so the heads' paths are the anchors; the lower dense action wins.
        PathSolver dense = new PathSolver(hill, o);
        double[][] rows = nets.paths(xs, ys, T);
        int[] expected = new int[2];
        for (int i = 0; i < n; i++) {
            dense.set(xs[i], ys[i], theta);
            double s0 = dense.value(rows[2 * i], null);
            double s1 = dense.value(rows[2 * i + 1], null);
            assertTrue(Math.abs(s0 - s1) > 1e-9 * s0, "no ties among these pairs");
            expected[s0 < s1 ? 0 : 1]++;
        }
        assertArrayEquals(expected, res.chosen());
        assertTrue(expected[0] > 0 && expected[1] > 0, "both sides win for some pairs: " + expected[0]);
        assertEquals(n, res.within(), "every refined path reaches the straight-line reference");

        // The winner-takes-all fit: both heads win pairs, and the winners' predicted gap is small.
        Networks fitted = networks(1);
        AmortiserFit.Result fit = AmortiserFit.run(Task.HILL, hill, theta, o, fitted,
                new AmortiserFit.Options(150, 16, 1e-2, 1, AmortiserFit.Options.RELAX), 2);
        assertTrue(fit.wins()[0] > 0 && fit.wins()[1] > 0, "both heads win: " + fit.wins()[0] + ", " + fit.wins()[1]);
        AmortiserFit.Result early = AmortiserFit.run(Task.HILL, hill, theta, o, networks(1),
                new AmortiserFit.Options(10, 16, 1e-2, 1, AmortiserFit.Options.RELAX), 2);
        assertTrue(fit.finalPredictedGap() < 0.6 * early.finalPredictedGap(),
                "the winners' gap fell by 40%: " + early.finalPredictedGap() + " -> " + fit.finalPredictedGap());
    }
}
