import geo.runtime.api.AccelerationKernels;
import geo.runtime.api.CurvatureKernels;
import geo.runtime.load.Model;
import geo.runtime.load.Models;
import java.nio.file.Path;

/**
 * A user's program: loads a model jar with only the Geo runtime on the class path and prints a
 * few kernel values. Run by ModelJarIntegrationTest with java's source launcher.
 */
public class Probe {
    public static void main(String[] args) throws Exception {
        Model m = Models.load(Path.of(args[0])).only();
        double[] x = {0.7, 0.3};
        double[] theta = m.defaultParameters();
        double[] a = new double[2];
        AccelerationKernels k = m.acceleration();
        k.acceleration(0, x, new double[] {0.2, 1.1}, theta, a);
        CurvatureKernels c = m.curvature();
        System.out.println(m);
        System.out.println("a = " + a[0] + " " + a[1]);
        System.out.println("R = " + c.scalarCurvature(x, theta));
        System.out.println("loader = " + (k.getClass().getClassLoader() != Probe.class.getClassLoader()));
    }
}
