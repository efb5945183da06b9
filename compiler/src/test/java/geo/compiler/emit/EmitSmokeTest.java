package geo.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.api.AccelerationKernels;
import geo.runtime.api.CurvatureKernels;
import geo.runtime.api.MetricKernels;
import geo.runtime.load.Model;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

class EmitSmokeTest {

    @Test
    void sphereCompilesVerifiesAndComputes() {
        SourceFile src = SourceFile.of("sphere.geo",
                "manifold Sphere {\n coords theta, phi;\n metric g = diag([1, sin(theta)^2]);\n}\n");
        Frontend.Result r = Frontend.check(src);
        assertTrue(r.ok(), r.diagnostics().render());
        Compiler.Compiled c = Compiler.compile(r.program(), src);
        for (GeneratedClass g : c.classes()) {
            StringWriter problems = new StringWriter();
            CheckClassAdapter.verify(new ClassReader(g.bytes()), getClass().getClassLoader(), false,
                    new PrintWriter(problems));
            assertEquals("", problems.toString());
        }
        Model m = c.load().only();
        double[] x = {0.7, 0.3};
        double[] g = new double[4];
        m.metric().metric(x, new double[0], g);
        assertEquals(Math.sin(0.7) * Math.sin(0.7), g[3], 0);
        CurvatureKernels k = m.curvature();
        assertEquals(2.0, k.scalarCurvature(x, new double[0]), 1e-12);
        AccelerationKernels acc = m.acceleration();
        double[] a = new double[2];
        acc.acceleration(0, x, new double[] {0.2, 1.1}, new double[0], a);
        double s = Math.sin(0.7);
        double co = Math.cos(0.7);
        assertEquals(s * co * 1.1 * 1.1, a[0], 1e-15);
        assertEquals(-2 * co / s * 0.2 * 1.1, a[1], 1e-15);
        MetricKernels mk = m.metric();
        assertEquals(0.5 * (0.04 + s * s * 1.21), mk.energy(x, new double[] {0.2, 1.1}, new double[0]), 1e-15);
    }

    /** A failure inside a kernel (here an output array that is too short) points at the .geo source line. */
    @Test
    void stackTracesPointAtTheModelSource() {
        SourceFile src = SourceFile.of("models/sphere.geo",
                "// the unit sphere\nmanifold Sphere {\n coords theta, phi;\n\n metric g = diag([1, sin(theta)^2]);\n}\n");
        Frontend.Result r = Frontend.check(src);
        assertTrue(r.ok(), r.diagnostics().render());
        Model m = Compiler.compile(r.program(), src).load().only();
        ArrayIndexOutOfBoundsException e = org.junit.jupiter.api.Assertions.assertThrows(
                ArrayIndexOutOfBoundsException.class,
                () -> m.metric().metric(new double[] {0.5, 0.1}, new double[0], new double[2]));
        StackTraceElement top = e.getStackTrace()[0];
        assertEquals("geo.models.Sphere", top.getClassName());
        assertEquals("metric", top.getMethodName());
        assertEquals("sphere.geo", top.getFileName());
        assertEquals(5, top.getLineNumber());
    }
}
