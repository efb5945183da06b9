package geo.compiler.show;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link TextRenderer} as text and LaTeX: layout, let blocks, values and the size cap. */
class RenderTest {

    @Test
    void sphereAsText() {
        Report r = Models.show(Models.SPHERE, ShowRequest.defaults().withTopics(Topic.METRIC).at(0.5, 1));
        assertEquals("""
                manifold Sphere: 2 coordinates (theta, phi), metric
                point: theta = 0.5, phi = 1.0

                metric g
                  // symmetric: i ≤ j shown; 1 of 3 is zero, not shown
                  g_theta,theta = 1
                  g_phi,phi = sin(theta)^2
                  values:
                    g_theta,theta = 1.0
                    g_phi,phi = 0.22984884706593015

                inverse metric g^-1
                  // symmetric: i ≤ j shown; 1 of 3 is zero, not shown
                  g^theta,theta = 1
                  g^phi,phi = 1 / sin(theta)^2
                  values:
                    g^theta,theta = 1.0
                    g^phi,phi = 4.350685299340043
                """, TextRenderer.render(r, false, TextRenderer.DEFAULT_MAX_NODES));
    }

    @Test
    void sphereAsLatex() {
        Report r = Models.show(Models.SPHERE, ShowRequest.defaults().withTopics(Topic.CHRISTOFFEL));
        assertEquals("""
                % manifold Sphere: 2 coordinates (theta, phi), metric

                % Christoffel symbols of the second kind Γ^k_i,j
                % symmetric in i, j: i ≤ j shown; 4 of 6 are zero, not shown
                \\begin{aligned}
                \\Gamma^{\\theta}_{\\phi\\phi} &= -\\sin\\left(\\theta\\right) \\cos\\left(\\theta\\right) \\\\
                \\Gamma^{\\phi}_{\\theta\\phi} &= \\frac{\\cos\\left(\\theta\\right)}{\\sin\\left(\\theta\\right)}
                \\end{aligned}
                """, TextRenderer.render(r, true, TextRenderer.DEFAULT_MAX_NODES));
    }

    @Test
    void latexIndexLabelsDoNotRunTogether() {
        Report r = Models.show(Models.POLAR, ShowRequest.defaults().withTopics(Topic.CHRISTOFFEL));
        Section s = Models.section(r, "christoffel");
        assertEquals("\\Gamma^{r}_{\\theta\\theta}", s.equations().get(0).latexName());
        assertEquals("\\Gamma^{\\theta}_{r\\theta}", s.equations().get(1).latexName());
        Report named = Models.show("manifold N {\n  coords theta, r;\n  metric g = diag([r^2, 1]);\n}\n",
                ShowRequest.defaults().withTopics(Topic.CHRISTOFFEL));
        assertEquals("\\Gamma^{r}_{\\theta\\theta}", Models.section(named, "christoffel").equations().get(1).latexName());
        assertEquals("\\Gamma^{\\theta}_{\\theta r}", Models.section(named, "christoffel").equations().get(0).latexName());
    }

    @Test
    void sharedSubexpressionsArePrintedOnceAsLets() {
        Report r = Models.show(Models.poincare(2), ShowRequest.defaults().withTopics(Topic.SPRAY));
        String text = TextRenderer.render(r, false, TextRenderer.DEFAULT_MAX_NODES);
        assertTrue(text.contains("\n  let t1 = 1 / (1 - x[0]^2 - x[1]^2)\n"
                + "  a^0 = 2*x[0]*v[1]^2*t1 - 2*x[0]*v[0]^2*t1 - 4*x[1]*v[0]*v[1]*t1\n"), text);
    }

    @Test
    void sectionsAboveTheCapAreSummarisedButKeepTheirValues() {
        Report r = Models.show(Models.poincare(2), ShowRequest.defaults().withTopics(Topic.SPRAY).at(0.1, 0.2));
        int nodes = Models.section(r, "spray").displayNodes();
        String text = TextRenderer.render(r, false, nodes - 1);
        assertTrue(text.contains("  (2 expressions with " + nodes + " nodes; use --json or --max-nodes " + nodes
                + " to print them)\n  values:\n    a^0 = "), text);
        assertFalse(text.contains("let t1"), text);
        assertTrue(TextRenderer.render(r, false, nodes).contains("let t1"));
    }

    @Test
    void aFileWithNothingToShowSaysSo() throws ShowException {
        Report r = ShowBuilder.build("empty.geo", Models.program("let a = 1;\n"), ShowRequest.defaults());
        assertEquals("empty.geo declares no manifold, loss or fn: nothing to show\n",
                TextRenderer.render(r, false, TextRenderer.DEFAULT_MAX_NODES));
    }
}
