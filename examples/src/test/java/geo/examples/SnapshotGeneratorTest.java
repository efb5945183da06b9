package geo.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.learn.population.Field;
import geo.runtime.learn.population.SnapshotGenerator;
import geo.runtime.learn.population.Snapshots;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generated snapshot sets against the statistics of {@code metric-from-snapshots.md} §1a
 * (shapes, the closed circle, means marching around the circle in steps of 2π/24 at mean radius
 * ≈ 1.01 with radial std ≈ 0.08, Mass Splitting's N(0, I) start and (10, ±10) ends with exactly 50
 * points above the axis and accelerating means, X Paths' corner-to-corner means at the published
 * uneven pace: mean distance 0.11 from the chord's linear interpolation). Tolerances are a few
 * standard errors of 100 samples (std 0.1 / √100 = 0.01 for a mean at the anchors); each set is made
 * the way {@code geo snapshots} makes it by default (Circle geodesics, the others the original code's
 * velocity networks).
 */
class SnapshotGeneratorTest {

    private static Snapshots generate(Field field) throws Exception {
        return SnapshotGenerator.generate(field, SnapshotModels.load(field.label()), 0, 2).snapshots();
    }

    private static double[] mean(double[][] s) {
        double[] m = new double[2];
        for (double[] p : s) {
            m[0] += p[0] / s.length;
            m[1] += p[1] / s.length;
        }
        return m;
    }

    private static double std(double[][] s, int axis) {
        double m = mean(s)[axis];
        double v = 0;
        for (double[] p : s) {
            v += (p[axis] - m) * (p[axis] - m);
        }
        return Math.sqrt(v / (s.length - 1));
    }

    @Test
    void circleMarchesAroundTheUnitCircle() throws Exception {
        Snapshots s = generate(Field.CIRCLE);
        List<double[][]> fam = s.families().get(0);
        assertEquals(1, s.families().size());
        assertEquals(25, fam.size());
        for (int t = 0; t < 25; t++) {
            assertEquals(100, fam.get(t).length);
        }
        for (int j = 0; j < 100; j++) {
            assertArrayEquals(fam.get(0)[j], fam.get(24)[j], 0.0, "the sequence is closed");
        }
        double radius = 0;
        double radial2 = 0;
        for (int t = 0; t < 24; t++) {
            double[] m = mean(fam.get(t));
            double angle = Math.atan2(m[1], m[0]);
            double expected = 2 * Math.PI * t / 24;
            assertEquals(0, Math.IEEEremainder(angle - expected, 2 * Math.PI), 0.03, "mean angle of snapshot " + t);
            for (double[] p : fam.get(t)) {
                double r = Math.hypot(p[0], p[1]);
                radius += r / 2400;
                radial2 += r * r / 2400;
            }
        }
        assertEquals(1.010, radius, 0.01, "mean radius");
        assertEquals(0.08, Math.sqrt(radial2 - radius * radius), 0.015, "radial std");
    }

    @Test
    void massSplittingSplitsIntoTwoScaledGaussians() throws Exception {
        Snapshots s = generate(Field.MASS_SPLITTING);
        List<double[][]> fam = s.families().get(0);
        assertEquals(10, fam.size());
        double[][] start = fam.get(0);
        double[][] end = fam.get(9);
        assertEquals(0, mean(start)[0], 0.3);
        assertEquals(0, mean(start)[1], 0.3);
        assertEquals(1.0, std(start, 0), 0.2);
        assertEquals(1.0, std(start, 1), 0.2);
        long up = java.util.Arrays.stream(end).filter(p -> p[1] > 0).count();
        assertEquals(50, up, "exactly 50 points end above the axis");
        assertEquals(10.0, mean(end)[0], 0.3);
        double absY = java.util.Arrays.stream(end).mapToDouble(p -> Math.abs(p[1])).average().orElseThrow();
        assertEquals(10.0, absY, 0.3);
        assertEquals(10.07, std(end, 1), 0.3, "final y-std");
        for (int t = 1; t < 10; t++) {
            assertTrue(mean(fam.get(t))[0] > mean(fam.get(t - 1))[0], "the mean moves right");
            assertTrue(std(fam.get(t), 1) > std(fam.get(t - 1), 1), "the y-spread grows");
        }
        // the published means accelerate (steps 0.45, 0.64, ..., 1.85); constant-speed geodesics would not
        for (int t = 2; t < 9; t++) {
            double step = mean(fam.get(t))[0] - mean(fam.get(t - 1))[0];
            double before = mean(fam.get(t - 1))[0] - mean(fam.get(t - 2))[0];
            assertTrue(step > before, "the mean accelerates at snapshot " + t);
        }
    }

    @Test
    void xPathsGoCornerToCorner() throws Exception {
        Snapshots s = generate(Field.X_PATHS);
        assertEquals(2, s.families().size());
        double[][] corners = {{-1, -1, 1, 1}, {-1, 1, 1, -1}};
        for (int f = 0; f < 2; f++) {
            List<double[][]> fam = s.families().get(f);
            assertEquals(10, fam.size());
            double[] c = corners[f];
            assertArrayEquals(new double[] {c[0], c[1]}, mean(fam.get(0)), 0.03);
            assertArrayEquals(new double[] {c[2], c[3]}, mean(fam.get(9)), 0.03);
            // the published second snapshot's mean is (-0.73, -0.73) (and mirrored for the other family)
            assertArrayEquals(new double[] {-0.73, c[1] * 0.73}, mean(fam.get(1)), 0.03);
            // the published means' mean distance from the straight chord, travelled at constant pace: about 0.11
            double[] m0 = mean(fam.get(0));
            double[] m9 = mean(fam.get(9));
            double deviation = 0;
            for (int t = 0; t < 10; t++) {
                double[] m = mean(fam.get(t));
                deviation += Math.hypot(m[0] - (m0[0] + t / 9.0 * (m9[0] - m0[0])),
                        m[1] - (m0[1] + t / 9.0 * (m9[1] - m0[1]))) / 10;
            }
            assertEquals(0.11, deviation, 0.02, "family " + f + ": mean deviation from the chord");
        }
        assertEquals(200, s.merged().families().get(0).get(3).length);
    }
}
