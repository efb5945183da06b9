package geo.runtime.transport;

/**
 * A gradient in the positions of two point clouds: {@code x[i]} is the derivative in source point
 * i, {@code y[j]} in target point j (each of its point's dimension).
 */
public record PointGradient(double[][] x, double[][] y) {

    /** Zeros shaped like the points. */
    static PointGradient zeros(double[][] xs, double[][] ys) {
        double[][] gx = new double[xs.length][];
        for (int i = 0; i < xs.length; i++) {
            gx[i] = new double[xs[i].length];
        }
        double[][] gy = new double[ys.length][];
        for (int j = 0; j < ys.length; j++) {
            gy[j] = new double[ys[j].length];
        }
        return new PointGradient(gx, gy);
    }
}
