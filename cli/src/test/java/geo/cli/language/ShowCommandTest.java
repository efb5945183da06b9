package geo.cli.language;

import static geo.cli.Geo.geo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.Geo;
import geo.cli.Geo.Outcome;
import geo.cli.common.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code geo show} through {@link Main#run}: output, messages and exit codes. */
class ShowCommandTest {

    private static final String SPHERE = "manifold Sphere {\n  coords theta, phi;\n  metric g = diag([1, sin(theta)^2]);\n}\n";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void christoffelSymbolsOfTheSphere() throws IOException {
        Path f = write("sphere.geo", SPHERE);
        Outcome o = geo("show", f.toString(), "--christoffel");
        assertEquals(ExitCodes.OK, o.exit(), o.err());
        assertEquals("", o.err());
        assertEquals("""
                manifold Sphere: 2 coordinates (theta, phi), metric

                Christoffel symbols of the second kind Γ^k_i,j
                  // symmetric in i, j: i ≤ j shown; 4 of 6 are zero, not shown
                  Γ^theta_phi,phi = -sin(theta)*cos(theta)
                  Γ^phi_theta,phi = cos(theta) / sin(theta)
                """, o.out());
    }

    @Test
    void valuesAtAPointWithANegativeCoordinate() throws IOException {
        Path f = write("sphere.geo", SPHERE);
        Outcome o = geo("show", f.toString(), "--curvature", "--at", "-1,2");
        assertEquals(ExitCodes.OK, o.exit(), o.err());
        assertTrue(o.out().contains("point: theta = -1.0, phi = 2.0\n"), o.out());
        java.util.regex.Matcher r = java.util.regex.Pattern.compile("  R = 2\n  values:\n    R = (\\S+)\n")
                .matcher(o.out());
        assertTrue(r.find(), o.out());
        assertEquals(2.0, Double.parseDouble(r.group(1)), 1e-12, "scalar curvature of the unit sphere");
    }

    /** With A = diag(4, 1, 1) given, g₀₀ = 4 and (g⁻¹)₀₀ = 1/4 at any point; bad parameters are usage errors. */
    @Test
    void valuesWithGivenParameters() throws IOException {
        String spd = Geo.example("spd.geo");
        Outcome o = geo("show", spd, "--metric", "--at", "0,0,0", "--param", "A=4,0,0,0,1,0,0,0,1");
        assertEquals(ExitCodes.OK, o.exit(), o.err());
        assertTrue(o.out().contains("\nparameters: A as given, any others their default values"), o.out());
        assertTrue(o.out().contains("  values:\n    g_0,0 = 4.0\n"), o.out());
        assertTrue(o.out().contains("    g^0,0 = 0.25\n"), o.out());
        Path json = dir.resolve("p.json");
        Files.writeString(json, "{\"A\": [[9, 0, 0], [0, 1, 0], [0, 0, 1]]}");
        Outcome file = geo("show", spd, "--metric", "--at", "0,0,0", "--params", json.toString());
        assertTrue(file.out().contains("    g_0,0 = 9.0\n"), file.out());

        Outcome noPoint = geo("show", spd, "--metric", "--param", "A=4,0,0,0,1,0,0,0,1");
        assertEquals(ExitCodes.USAGE, noPoint.exit());
        assertEquals("geo show: parameter values need --at: the equations are shown for symbolic parameters\n",
                noPoint.err());
        Outcome unknown = geo("show", spd, "--at", "0,0,0", "--param", "B=1");
        assertEquals("geo show: unknown parameter 'B': no manifold of " + spd + " declares it\n", unknown.err());
        Outcome size = geo("show", spd, "--at", "0,0,0", "--param", "A=1,2");
        assertEquals(ExitCodes.USAGE, size.exit());
        assertEquals("geo show: parameter A needs 9 values, got 2\n", size.err());
    }

    @Test
    void missingFileIsAUsageError() {
        Path nope = dir.resolve("nope.geo");
        Outcome o = geo("show", nope.toString());
        assertEquals(ExitCodes.USAGE, o.exit());
        assertEquals("geo show: cannot read " + nope + ": no such file\n", o.err());
        assertEquals("", o.out());
    }

    @Test
    void compileErrorsExit65WithDiagnostics() throws IOException {
        Path f = write("bad.geo", "manifold M {\n  coords x[2];\n  metric g = y * eye(2);\n}\n");
        Outcome o = geo("show", f.toString());
        assertEquals(ExitCodes.COMPILE_ERROR, o.exit());
        assertEquals("", o.out());
        assertEquals(f + ":3:14: error: undefined name 'y'\n"
                + "  metric g = y * eye(2);\n"
                + "             ^\n"
                + f + ": 1 error\n", o.err());
    }

    @Test
    void warningsArePrintedAndDoNotChangeTheExitCode() throws IOException {
        Path f = write("w.geo", "manifold W {\n  coords x[2];\n  lagrangian L(v) = dot(x, x) + dot(v, v);\n"
                + "  let unused = 1;\n}\n");
        Outcome plain = geo("check", f.toString());
        Outcome o = geo("show", f.toString());
        assertEquals(plain.exit(), o.exit(), o.err());
        assertEquals(ExitCodes.OK, o.exit(), o.err());
        assertTrue(o.out().contains("Euler–Lagrange acceleration"), o.out());
        Path warned = write("warned.geo", "manifold V {\n  coords x[2];\n  metric g = eye(2);\n"
                + "  lagrangian L(v) = dot(x, x);\n}\n");
        Outcome w = geo("show", warned.toString(), "--metric");
        assertEquals(ExitCodes.OK, w.exit(), w.err());
        assertTrue(w.err().contains(":4:14: warning: lagrangian 'L' does not depend on the velocity 'v'"), w.err());
        assertTrue(w.out().contains("metric g"), w.out());
    }

    @Test
    void malformedPointsAreUsageErrors() throws IOException {
        Path f = write("sphere.geo", SPHERE);
        Outcome letter = geo("show", f.toString(), "--at", "1,x");
        assertEquals(ExitCodes.USAGE, letter.exit());
        assertEquals("geo show: --at: 'x' is not a number\n", letter.err());
        assertEquals("", letter.out());
        Outcome wrongDimension = geo("show", f.toString(), "--at", "1,2,3");
        assertEquals(ExitCodes.USAGE, wrongDimension.exit());
        assertEquals("geo show: --at has 3 values, but manifold Sphere has 2 coordinates (theta, phi)\n",
                wrongDimension.err());
        Outcome velocity = geo("show", f.toString(), "--at", "1,2", "--velocity", "1");
        assertEquals(ExitCodes.USAGE, velocity.exit());
        assertEquals("geo show: --velocity has 1 value, but manifold Sphere has 2 coordinates (theta, phi)\n",
                velocity.err());
        Outcome alone = geo("show", f.toString(), "--velocity", "1,2");
        assertEquals(ExitCodes.USAGE, alone.exit());
        assertEquals("geo show: --velocity needs --at: values are computed only at a point\n", alone.err());
        Outcome empty = geo("show", f.toString(), "--at", "1,,2");
        assertEquals(ExitCodes.USAGE, empty.exit());
        assertEquals("geo show: --at: value 2 of '1,,2' is empty\n", empty.err());
    }

    @Test
    void unknownManifoldIsAUsageError() throws IOException {
        Path f = write("sphere.geo", SPHERE);
        Outcome o = geo("show", f.toString(), "--manifold", "Torus");
        assertEquals(ExitCodes.USAGE, o.exit());
        assertEquals("geo show: no manifold 'Torus' in " + f + "; it declares Sphere\n", o.err());
        assertEquals("", o.out());
    }

    @Test
    void manifoldSelectsOneOfSeveral() throws IOException {
        Path f = write("two.geo", SPHERE + "manifold Flat {\n  coords x[3];\n  metric g = eye(3);\n}\n");
        Outcome both = geo("show", f.toString(), "--metric");
        assertTrue(both.out().contains("manifold Sphere") && both.out().contains("manifold Flat"), both.out());
        Outcome one = geo("show", f.toString(), "--metric", "--manifold", "Flat", "--at", "1,2,3");
        assertEquals(ExitCodes.OK, one.exit(), one.err());
        assertFalse(one.out().contains("Sphere"), one.out());
        Outcome mismatch = geo("show", f.toString(), "--at", "1,2,3");
        assertEquals(ExitCodes.USAGE, mismatch.exit());
        assertEquals("geo show: --at has 3 values, but manifold Sphere has 2 coordinates (theta, phi)\n",
                mismatch.err());
    }

    @Test
    void nonFiniteValuesAreReportedAndExit70() throws IOException {
        Path f = write("polar.geo", "manifold Polar {\n  coords r, theta;\n  metric g = diag([1, r^2]);\n}\n");
        Outcome o = geo("show", f.toString(), "--christoffel", "--at", "0,1");
        assertEquals(ExitCodes.RUNTIME_FAILURE, o.exit());
        assertTrue(o.out().contains("    Γ^theta_r,theta = NaN\n"), o.out());
        assertEquals("geo show: manifold Polar: 2 values are not finite at r = 0.0, theta = 1.0: "
                + "Γ^r_theta,theta = NaN, Γ^theta_r,theta = NaN\n", o.err());
    }

    @Test
    void optionConflictsAndBadOptionsAreUsageErrors() throws IOException {
        Path f = write("sphere.geo", SPHERE);
        Outcome both = geo("show", f.toString(), "--latex", "--json");
        assertEquals(ExitCodes.USAGE, both.exit());
        assertTrue(both.err().startsWith("geo show: --latex and --json cannot be combined"), both.err());
        Outcome cap = geo("show", f.toString(), "--max-nodes", "0");
        assertEquals(ExitCodes.USAGE, cap.exit());
        Outcome unknown = geo("show", f.toString(), "--torsion");
        assertEquals(ExitCodes.USAGE, unknown.exit());
        assertTrue(unknown.err().contains("Unknown option: '--torsion'"), unknown.err());
        Outcome noFile = geo("show");
        assertEquals(ExitCodes.USAGE, noFile.exit());
        assertTrue(noFile.err().contains("Missing required parameter: 'FILE'"), noFile.err());
    }

    @Test
    void jsonAndLatexGoToStandardOutput() throws IOException {
        Path f = write("sphere.geo", SPHERE);
        Outcome json = geo("show", f.toString(), "--json", "--at", "0.5,1");
        assertEquals(ExitCodes.OK, json.exit(), json.err());
        assertTrue(json.out().startsWith("{\n  \"file\": \"" + f + "\",\n"), json.out());
        assertTrue(json.out().contains("\"latexName\": \"g_{\\\\phi\\\\phi}\""), json.out());
        Outcome latex = geo("show", f.toString(), "--latex", "--christoffel");
        assertTrue(latex.out().contains("\\Gamma^{\\theta}_{\\phi\\phi} &= -\\sin\\left(\\theta\\right)"), latex.out());
    }

    @Test
    void helpListsTheOptions() {
        Outcome help = geo("show", "--help");
        assertEquals(ExitCodes.OK, help.exit());
        for (String option : new String[] {"--metric", "--christoffel", "--spray", "--curvature", "--euler-lagrange",
            "--latex", "--json", "--at", "--velocity", "--manifold", "--max-nodes"}) {
            assertTrue(help.out().contains(option), option + " in " + help.out());
        }
        assertTrue(geo("--help").out().contains("show"));
    }
}
