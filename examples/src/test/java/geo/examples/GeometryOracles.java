package geo.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.load.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Compiled example models (compiled once per test run) and the closed forms listed under "Test
 * oracles" in src/site/markdown/architecture.md.
 */
final class GeometryOracles {

    private static final Path EXAMPLES = Path.of(System.getProperty("geo.examples.dir", "."));
    private static final Map<String, Model> MODELS = new ConcurrentHashMap<>();

    private GeometryOracles() {
    }

    /**
     * The example models at the top of the examples directory and one folder down (such as
     * {@code graph-embedding/}), not the imported libraries in {@code lib/}, sorted.
     */
    static List<Path> exampleFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(EXAMPLES, 2)) {
            return walk.filter(p -> p.toString().endsWith(".geo"))
                    .filter(p -> !EXAMPLES.relativize(p).startsWith("lib") && !EXAMPLES.relativize(p).startsWith("target"))
                    .sorted().toList();
        }
    }

    /** The only model of an example file, compiled in this process. */
    static Model model(String file) {
        return MODELS.computeIfAbsent(file, f -> {
            try {
                Path path = EXAMPLES.resolve(f);
                Frontend.Result r = Frontend.checkFile(path);
                assertTrue(r.ok(), r.diagnostics().render());
                return Compiler.compile(r.program(), SourceFile.read(path)).load().only();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Poincaré ball: λ(x) = 2/(1 − |x|²), g = λ² I. */
    static double lambda(double[] x) {
        return 2 / (1 - dot(x, x));
    }

    /** Poincaré ball: exp_x(v) = x ⊕ (tanh(λ(x)|v|/2) v/|v|) with Möbius addition ⊕. */
    static double[] poincareExp(double[] x, double[] v) {
        double n = Math.sqrt(dot(v, v));
        double[] u = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            u[i] = Math.tanh(lambda(x) * n / 2) * v[i] / n;
        }
        double xy = dot(x, u);
        double xx = dot(x, x);
        double yy = dot(u, u);
        double den = 1 + 2 * xy + xx * yy;
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = ((1 + 2 * xy + yy) * x[i] + (1 - xx) * u[i]) / den;
        }
        return r;
    }

    /** Poincaré ball: d(x, y) = arccosh(1 + 2|x − y|² / ((1 − |x|²)(1 − |y|²))). */
    static double poincareDistance(double[] x, double[] y) {
        double diff = 0;
        for (int i = 0; i < x.length; i++) {
            diff += (x[i] - y[i]) * (x[i] - y[i]);
        }
        double z = 1 + 2 * diff / ((1 - dot(x, x)) * (1 - dot(y, y)));
        return Math.log(z + Math.sqrt(z * z - 1));
    }

    /** Unit sphere in (θ, φ): the embedding p(θ, φ). */
    static double[] spherePoint(double theta, double phi) {
        return new double[] {Math.sin(theta) * Math.cos(phi), Math.sin(theta) * Math.sin(phi), Math.cos(theta)};
    }

    /**
     * Unit sphere: the great circle p(t) = cos(|u|t) p₀ + sin(|u|t) u/|u| with u the embedded
     * velocity, at t; returns (θ, φ, θ', φ') with φ in (−π, π].
     */
    static double[] sphereGeodesic(double theta, double phi, double vTheta, double vPhi, double t) {
        double[] p0 = spherePoint(theta, phi);
        double[] eTheta = {Math.cos(theta) * Math.cos(phi), Math.cos(theta) * Math.sin(phi), -Math.sin(theta)};
        double[] ePhi = {-Math.sin(phi), Math.cos(phi), 0};
        double[] u = new double[3];
        for (int i = 0; i < 3; i++) {
            u[i] = vTheta * eTheta[i] + vPhi * Math.sin(theta) * ePhi[i];
        }
        double s = Math.sqrt(dot(u, u));
        double[] p = new double[3];
        double[] q = new double[3];
        for (int i = 0; i < 3; i++) {
            p[i] = Math.cos(s * t) * p0[i] + Math.sin(s * t) * u[i] / s;
            q[i] = -s * Math.sin(s * t) * p0[i] + Math.cos(s * t) * u[i];
        }
        double th = Math.acos(p[2]);
        double ph = Math.atan2(p[1], p[0]);
        double[] eTh = {Math.cos(th) * Math.cos(ph), Math.cos(th) * Math.sin(ph), -Math.sin(th)};
        double[] ePh = {-Math.sin(ph), Math.cos(ph), 0};
        return new double[] {th, ph, dot(q, eTh), dot(q, ePh) / Math.sin(th)};
    }

    /** Polar plane: the straight line p₀ + t u in Cartesian coordinates, as (r, θ, r', θ') with θ in (−π, π]. */
    static double[] polarLine(double r, double theta, double vr, double vTheta, double t) {
        double c = Math.cos(theta);
        double s = Math.sin(theta);
        double ux = vr * c - r * vTheta * s;
        double uy = vr * s + r * vTheta * c;
        double px = r * c + t * ux;
        double py = r * s + t * uy;
        double r1 = Math.hypot(px, py);
        double th1 = Math.atan2(py, px);
        double c1 = Math.cos(th1);
        double s1 = Math.sin(th1);
        return new double[] {r1, th1, ux * c1 + uy * s1, (-ux * s1 + uy * c1) / r1};
    }

    /** The difference of two angles reduced to [−π, π]. */
    static double angleDifference(double a, double b) {
        return Math.IEEEremainder(a - b, 2 * Math.PI);
    }
}
