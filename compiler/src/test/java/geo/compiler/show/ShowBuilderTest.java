package geo.compiler.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.print.TextPrinter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sections {@link ShowBuilder} builds: which components, how they are named, their values. */
class ShowBuilderTest {

    private static List<String> lines(Section s) {
        return s.equations().stream().map(e -> e.name() + " = " + TextPrinter.inline(e.display()))
                .toList();
    }

    @Test
    void sphereChristoffelSymbolsAreTheTwoNonZeroOnes() {
        Report r = Models.show(Models.SPHERE, ShowRequest.defaults().withTopics(Topic.CHRISTOFFEL));
        Section s = Models.section(r, "christoffel");
        assertEquals(List.of("Γ^theta_phi,phi = -sin(theta)*cos(theta)", "Γ^phi_theta,phi = cos(theta) / sin(theta)"),
                lines(s));
        assertEquals("\\Gamma^{\\theta}_{\\phi\\phi}", s.equations().get(0).latexName());
        assertEquals(List.of("symmetric in i, j: i ≤ j shown", "4 of 6 are zero, not shown"), s.notes());
        String text = TextRenderer.render(r, false, TextRenderer.DEFAULT_MAX_NODES);
        assertTrue(text.contains("\n  Γ^theta_phi,phi = -sin(theta)*cos(theta)\n"), text);
        assertTrue(text.contains("\n  Γ^phi_theta,phi = cos(theta) / sin(theta)\n"), text);
    }

    @Test
    void sphereCurvatureIsTheUnitSpheres() {
        Report r = Models.show(Models.SPHERE, ShowRequest.defaults().withTopics(Topic.CURVATURE).at(0.7, 0.3));
        assertEquals(List.of("R^theta_phi,theta,phi = sin(theta)^2", "R^phi_theta,theta,phi = -1"),
                lines(Models.section(r, "riemann")));
        assertEquals(List.of("Ric_theta,theta = 1", "Ric_phi,phi = sin(theta)^2"), lines(Models.section(r, "ricci")));
        Section scalar = Models.section(r, "scalar-curvature");
        assertEquals(List.of("R = 2"), lines(scalar));
        assertEquals(2.0, scalar.values().get(0).value(), 1e-12);
    }

    @Test
    void polarPlaneRiemannTensorIsIdenticallyZero() {
        Report r = Models.show(Models.POLAR, ShowRequest.defaults().withTopics(Topic.CURVATURE));
        Section riemann = Models.section(r, "riemann");
        assertTrue(riemann.equations().isEmpty());
        assertEquals(List.of("identically zero: all 16 components vanish and the metric is flat"), riemann.notes());
        String text = TextRenderer.render(r, false, TextRenderer.DEFAULT_MAX_NODES);
        assertTrue(text.contains("Riemann tensor R^ρ_σ,μ,ν\n  // identically zero"), text);
        assertEquals(List.of("R = 0"), lines(Models.section(r, "scalar-curvature")));
    }

    @Test
    void poincareScalarCurvatureIsMinusTwoAtTheGivenPoint() {
        Report r = Models.show(Models.poincare(2), ShowRequest.defaults().withTopics(Topic.CURVATURE).at(0.1, 0.2));
        Section scalar = Models.section(r, "scalar-curvature");
        assertEquals("R", scalar.values().get(0).name());
        assertEquals(-2.0, scalar.values().get(0).value(), 1e-12);
        assertEquals(List.of("R = -2"), lines(scalar));
        assertTrue(r.problems().isEmpty(), r.problems().toString());
    }

    @Test
    void poincareChristoffelSymbolsAreTheTextbookOnes() {
        Report r = Models.show(Models.poincare(2), ShowRequest.defaults().withTopics(Topic.CHRISTOFFEL).at(0.3, -0.4));
        Section s = Models.section(r, "christoffel");
        assertEquals(6, s.equations().size());
        double t = 1 - 0.09 - 0.16;
        double[] expected = {2 * 0.3 / t, 2 * -0.4 / t, -2 * 0.3 / t, -2 * -0.4 / t, 2 * 0.3 / t, 2 * -0.4 / t};
        for (int k = 0; k < 6; k++) {
            assertEquals(expected[k], s.values().get(k).value(), 1e-14, s.values().get(k).name());
        }
        assertEquals("Γ^0_0,1", s.equations().get(1).name());
        assertEquals("\\Gamma^{1}_{01}", s.equations().get(4).latexName());
    }

    @Test
    void sprayOfTheSphereWithTheDefaultVelocity() {
        Report r = Models.show(Models.SPHERE, ShowRequest.defaults().at(0.5, 1));
        ModelReport m = r.models().get(0);
        assertTrue(m.point().defaultVelocity());
        assertTrue(m.usesVelocity());
        Section spray = Models.section(r, "spray");
        assertEquals(List.of("a^theta = v[1]^2*sin(theta)*cos(theta)", "a^phi = -2*v[0]*v[1]*cos(theta) / sin(theta)"),
                lines(spray));
        assertEquals(Math.sin(0.5) * Math.cos(0.5), spray.values().get(0).value(), 1e-15);
        assertEquals(-2 * Math.cos(0.5) / Math.sin(0.5), spray.values().get(1).value(), 1e-15);
    }

    @Test
    void defaultSectionsFollowWhatTheManifoldDeclares() {
        Report metric = Models.show(Models.SPHERE, ShowRequest.defaults());
        assertEquals(List.of("metric", "inverse-metric", "spray"),
                metric.models().get(0).sections().stream().map(Section::id).toList());
        Report lagrangian = Models.show("manifold W {\n  coords x[2];\n  param k = 2;\n"
                + "  lagrangian L(v) = 0.5 * dot(v, v) - 0.5 * k * dot(x, x);\n}\n", ShowRequest.defaults().at(1, 2));
        Section el = Models.section(lagrangian, "euler-lagrange");
        assertEquals(List.of("lagrangian", "velocity-hessian", "euler-lagrange"),
                lagrangian.models().get(0).sections().stream().map(Section::id).toList());
        assertEquals(List.of("a^0 = -x[0]*k", "a^1 = -x[1]*k"), lines(el));
        assertEquals(-2.0, el.values().get(0).value());
        assertEquals(-4.0, el.values().get(1).value());
    }

    @Test
    void eulerLagrangeOfAMetricIsItsSpray() {
        Report r = Models.show(Models.poincare(2),
                ShowRequest.defaults().withTopics(Topic.SPRAY, Topic.EULER_LAGRANGE).at(0.2, 0.1).withVelocity(0.3, -1));
        Section spray = Models.section(r, "spray");
        Section el = Models.section(r, "euler-lagrange");
        assertEquals(lines(spray), lines(el));
        for (int k = 0; k < 2; k++) {
            assertEquals(spray.values().get(k).value(), el.values().get(k).value(), 1e-12);
        }
    }

    @Test
    void aboveDimensionFourTheSprayIsASystemSolvedForValues() {
        double[] x = {0.1, 0.2, 0.1, 0.0, 0.3};
        Report r = Models.show(Models.poincare(5), ShowRequest.defaults().withTopics(Topic.SPRAY).at(x)
                .withVelocity(1, 0, 0, 0, 0));
        Section spray = Models.section(r, "spray");
        assertEquals("rhs_0", spray.equations().get(0).name());
        assertEquals(10, spray.values().size());
        double t = 1 - 0.15;
        for (int l = 0; l < 5; l++) {
            // a^l = -Γ^l_00 = -(4 δ_l0 x_0 - 2 x_l) / (1 - |x|²) for the conformal factor 2 / (1 - |x|²).
            double expected = -((l == 0 ? 4 * x[0] : 0) - 2 * x[l]) / t;
            Value a = spray.values().get(5 + l);
            assertEquals("a^" + l, a.name());
            assertEquals(expected, a.value(), 1e-14);
        }
    }

    @Test
    void nonFiniteValuesAreReportedAsProblems() {
        Report r = Models.show(Models.POLAR, ShowRequest.defaults().withTopics(Topic.CHRISTOFFEL).at(0, 1));
        assertEquals(1, r.problems().size());
        assertTrue(r.problems().get(0).startsWith("manifold Polar: 2 values are not finite at r = 0.0, theta = 1.0: "),
                r.problems().get(0));
        assertTrue(Double.isNaN(Models.section(r, "christoffel").values().get(1).value()));
    }

    @Test
    void singularSystemsAreReportedAsProblems() {
        // ∂²L/∂v² = diag(x0², 1, 1, 1, 1) is singular at x0 = 0; d = 5 keeps the system implicit.
        Report r = Models.show("manifold S {\n  coords x[5];\n  lagrangian L(v) = 0.5 * (x[0]^2 * v[0]^2 + v[1]^2"
                + " + v[2]^2 + v[3]^2 + v[4]^2);\n}\n", ShowRequest.defaults().at(0, 1, 1, 1, 1));
        assertTrue(r.problems().stream().anyMatch(p -> p.contains("∂²L/∂v² is singular at x[0] = 0.0")),
                r.problems().toString());
    }

    @Test
    void requestsThatDoNotFitTheFileAreRefused() {
        var p = Models.program(Models.SPHERE);
        ShowException unknown = assertThrows(ShowException.class,
                () -> ShowBuilder.build("s.geo", p, ShowRequest.defaults().onlyManifold("Torus")));
        assertEquals("no manifold 'Torus' in s.geo; it declares Sphere", unknown.getMessage());
        ShowException dims = assertThrows(ShowException.class,
                () -> ShowBuilder.build("s.geo", p, ShowRequest.defaults().at(1, 2, 3)));
        assertEquals("--at has 3 values, but manifold Sphere has 2 coordinates (theta, phi)", dims.getMessage());
        ShowException velocity = assertThrows(ShowException.class,
                () -> ShowBuilder.build("s.geo", p, ShowRequest.defaults().at(1, 2).withVelocity(1)));
        assertEquals("--velocity has 1 value, but manifold Sphere has 2 coordinates (theta, phi)",
                velocity.getMessage());
        assertThrows(ShowException.class, () -> ShowBuilder.build("s.geo", p, ShowRequest.defaults().withVelocity(1, 1)));
        var losses = Models.program("loss sq(y[2]) = dot(y, y);\n");
        ShowException none = assertThrows(ShowException.class,
                () -> ShowBuilder.build("l.geo", losses, ShowRequest.defaults().at(1, 2)));
        assertEquals("--at needs a manifold, and l.geo declares none", none.getMessage());
    }

    @Test
    void lossesAreShownWhenNothingElseIsAskedFor() throws ShowException {
        var p = Models.program("loss sq(y[2], w) = w * dot(y, y);\n");
        Report r = ShowBuilder.build("l.geo", p, ShowRequest.defaults());
        assertEquals(1, r.losses().size());
        assertEquals("loss sq(y[2], w)", r.losses().get(0).title());
        assertEquals("w*y[0]^2 + w*y[1]^2", TextPrinter.inline(r.losses().get(0).equations().get(0).display()));
        assertTrue(ShowBuilder.build("l.geo", p, ShowRequest.defaults().withTopics(Topic.METRIC)).losses().isEmpty());
    }

    @Test
    void aLagrangianOnlyManifoldHasNoMetricSections() {
        Report r = Models.show("manifold W {\n  coords x[2];\n  lagrangian L(v) = 0.5 * dot(v, v);\n}\n",
                ShowRequest.defaults().withTopics(Topic.SPRAY));
        Section s = Models.section(r, "spray");
        assertTrue(s.equations().isEmpty());
        assertEquals(List.of("not available: manifold W declares no metric; its acceleration is shown by"
                + " --euler-lagrange"), s.notes());
        assertNull(r.models().get(0).point());
    }
}
