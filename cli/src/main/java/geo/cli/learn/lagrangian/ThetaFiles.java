package geo.cli.learn.lagrangian;

import geo.cli.common.UsageException;
import geo.runtime.api.ModelDescriptor;
import geo.runtime.load.ParameterFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The files of {@code geo lot --out} and {@code --load}: the networks' parameters, pushed points and paths. */
final class ThetaFiles {

    /** The dual potential's and the map's θ (the parameters of the networks file), a parameter JSON file. */
    static final String DUAL = "theta-dual.json";
    /** The path amortiser's θ, a parameter JSON file. */
    static final String AMORTISER = "theta-amortiser.json";
    /** The amortiser after the benchmark's fit for new pairs (--amortiser-fit). */
    static final String AMORTISER_FIT = "theta-amortiser-fit.json";

    private ThetaFiles() {
    }

    /** Writes θ as the parameter JSON every command reads with {@code --params} ({@link ParameterFile}). */
    static void write(Path file, ModelDescriptor model, double[] theta) throws IOException {
        ParameterFile.write(file, model, theta);
    }

    /** Reads what {@link #write} wrote; every parameter of the model must be there with its size. */
    static double[] read(Path file, ModelDescriptor model) throws UsageException {
        try {
            return ParameterFile.apply(file, model, new double[model.parameterCount()], true);
        } catch (ParameterFile.Invalid e) {
            throw new UsageException("--load: " + e.getMessage());
        }
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
