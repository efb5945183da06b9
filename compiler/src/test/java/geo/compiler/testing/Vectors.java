package geo.compiler.testing;

import java.util.Random;

/** Small vector helpers for derivative tests. */
public final class Vectors {

    private Vectors() {
    }

    /** n independent N(0, scale²) numbers. */
    public static double[] random(Random rnd, int n, double scale) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = scale * rnd.nextGaussian();
        }
        return out;
    }

    /** x + h·dx, as a new array. */
    public static double[] axpy(double[] x, double h, double[] dx) {
        double[] out = x.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += h * dx[i];
        }
        return out;
    }
}
