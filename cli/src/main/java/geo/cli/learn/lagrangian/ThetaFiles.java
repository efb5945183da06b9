package geo.cli.learn.lagrangian;

import geo.cli.common.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The files of {@code geo lot --out} and {@code --load}: parameter vectors, pushed points and paths. */
final class ThetaFiles {

    static final String DUAL = "theta-dual.csv";
    static final String AMORTISER = "theta-amortiser.csv";

    private ThetaFiles() {
    }

    /** Writes θ one number a line under the header {@code theta}. */
    static void write(Path file, double[] theta) throws IOException {
        StringBuilder sb = new StringBuilder("theta\n");
        for (double v : theta) {
            sb.append(v).append('\n');
        }
        Files.writeString(file, sb);
    }

    /** Reads what {@link #write} wrote; a wrong count or a bad number is a usage error naming file:line. */
    static double[] read(Path file, int expected) throws UsageException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UsageException("--load: cannot read " + file + ": " + e.getMessage());
        }
        if (lines.isEmpty() || !lines.get(0).trim().equals("theta")) {
            throw new UsageException(file + ":1: expected the header 'theta'");
        }
        List<Double> values = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String s = lines.get(i).trim();
            if (s.isEmpty()) {
                continue;
            }
            try {
                double v = Double.parseDouble(s);
                if (!Double.isFinite(v)) {
                    throw new NumberFormatException();
                }
                values.add(v);
            } catch (NumberFormatException e) {
                throw new UsageException(file + ":" + (i + 1) + ": not a finite number: '" + s + "'");
            }
        }
        if (values.size() != expected) {
            throw new UsageException(file + ": " + values.size() + " parameters, but the networks have " + expected);
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static void writePushed(Path file, double[][] xs, double[][] pushed) throws IOException {
        StringBuilder sb = new StringBuilder("x0,x1,y0,y1\n");
        for (int i = 0; i < xs.length; i++) {
            sb.append(xs[i][0]).append(',').append(xs[i][1]).append(',').append(pushed[i][0]).append(',')
                    .append(pushed[i][1]).append('\n');
        }
        Files.writeString(file, sb);
    }

    static void writePaths(Path file, double[][][] paths) throws IOException {
        StringBuilder sb = new StringBuilder("source,k,x0,x1\n");
        for (int i = 0; i < paths.length; i++) {
            for (int k = 0; k < paths[i].length; k++) {
                sb.append(i).append(',').append(k).append(',').append(paths[i][k][0]).append(',')
                        .append(paths[i][k][1]).append('\n');
            }
        }
        Files.writeString(file, sb);
    }
}
