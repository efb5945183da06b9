package geo.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.runtime.api.MetricKernels;
import geo.runtime.learn.population.Alignment;
import geo.runtime.learn.population.Box;
import geo.runtime.load.Model;
import org.junit.jupiter.api.Test;

/**
 * The alignment score of {@code metric-from-snapshots.md} §1d: 1 for each true field against itself,
 * the published identity-metric values 0.648 / 0.707 / 0.707 (standard basis as eigenvectors) to 3
 * digits, and the closed-form minor eigenvector against rotated diagonal matrices.
 */
class SnapshotAlignmentTest {

    private static final String IDENTITY = "manifold Flat { coords x[2]; metric g = eye(2); }";

    private static double score(Model learned, Model truth, Box box) {
        Alignment.Result r = Alignment.score(learned.metric(), learned.defaultParameters(), truth.metric(),
                truth.defaultParameters(), box);
        assertTrue(r.ok(), r.detail());
        return r.score();
    }

    @Test
    void truthAgainstItselfScoresOne() {
        for (String field : new String[] {"circle", "mass-splitting", "x-paths"}) {
            Model truth = SnapshotModels.load(field);
            Box box = field.equals("mass-splitting") ? Box.MASS_SPLITTING : Box.UNIT;
            assertEquals(1.0, score(truth, truth, box), 1e-12, field);
        }
    }

    @Test
    void identityMetricGivesThePublishedBaselines() {
        Model flat = SnapshotModels.compile("flat.geo", IDENTITY);
        assertEquals(0.648, score(flat, SnapshotModels.load("circle"), Box.UNIT), 5e-4);
        assertEquals(0.707, score(flat, SnapshotModels.load("mass-splitting"), Box.MASS_SPLITTING), 5e-4);
        assertEquals(0.707, score(flat, SnapshotModels.load("x-paths"), Box.UNIT), 5e-4);
    }

    @Test
    void circleBaselineMatchesItsClosedForm() {
        // the identity's minor eigenvector is e1, the circle's v = (-y, x)/r: |cos| = |y| / r
        double sum = 0;
        for (int i = 0; i < 100; i++) {
            for (int j = 0; j < 100; j++) {
                double x = -1.5 + 3.0 * i / 99;
                double y = -1.5 + 3.0 * j / 99;
                sum += Math.abs(y) / Math.hypot(x, y);
            }
        }
        Model flat = SnapshotModels.compile("flat.geo", IDENTITY);
        assertEquals(sum / 1e4, score(flat, SnapshotModels.load("circle"), Box.UNIT), 1e-12);
    }

    @Test
    void minorEigenvectorOfRotatedDiagonals() {
        double[] e = new double[2];
        for (double angle = -3; angle <= 3; angle += 0.37) {
            double c = Math.cos(angle);
            double s = Math.sin(angle);
            // G = 0.1 u u' + 2 w w', u = (c, s) the minor direction, w = (-s, c)
            double[] g = {0.1 * c * c + 2 * s * s, 0.1 * c * s - 2 * s * c, 0.1 * c * s - 2 * s * c,
                0.1 * s * s + 2 * c * c};
            assertTrue(Alignment.minorEigenvector(g, e));
            assertEquals(1.0, Math.abs(e[0] * c + e[1] * s), 1e-12, "angle " + angle);
        }
        assertTrue(Alignment.minorEigenvector(new double[] {3, 0, 0, 3}, e));
        assertEquals(1.0, e[0]);
        assertEquals(0.0, e[1]);
    }

    @Test
    void truthAgainstItsNormalScoresZero() {
        // a metric whose cheap direction is the circle's radial direction is orthogonal everywhere
        Model radial = SnapshotModels.compile("radial.geo", """
                manifold Radial {
                  coords x[2];
                  let v = x / norm(x);
                  metric g = eye(2) - 0.9 * v * v';
                }
                """);
        MetricKernels k = radial.metric();
        assertEquals(0.0, score(radial, SnapshotModels.load("circle"), Box.UNIT), 1e-12);
        assertTrue(k.descriptor().dimension() == 2);
    }
}
