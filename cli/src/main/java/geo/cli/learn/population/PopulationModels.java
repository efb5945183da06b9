package geo.cli.learn.population;

import geo.cli.common.UsageException;
import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.learn.population.Box;
import geo.runtime.learn.population.Field;
import geo.runtime.learn.population.SnapshotException;
import geo.runtime.learn.population.Snapshots;
import geo.runtime.data.table.DataFormatException;
import geo.runtime.load.Model;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the population commands share: the bundled true fields, boxes, snapshot files, dimension checks. */
final class PopulationModels {

    private PopulationModels() {
    }

    /** The true field's model bundled with the command line ({@code examples/snapshots/<label>.geo}). */
    static Model truth(Field field) {
        String name = field.label() + ".geo";
        try (InputStream in = PopulationModels.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the bundled field " + name + " is missing from the jar");
            }
            SourceFile source = SourceFile.of(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Frontend.Result r = Frontend.check(source);
            if (!r.ok()) {
                throw new IllegalStateException(r.diagnostics().render());
            }
            return Compiler.compile(r, source).load().only();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled field " + name, e);
        }
    }

    /** The field of a --field value, or a usage error listing them. */
    static Field field(String label) throws UsageException {
        Field f = Field.of(label);
        if (f == null) {
            throw new UsageException("unknown --field '" + label + "'; use circle, mass-splitting or x-paths");
        }
        return f;
    }

    /** xmin,xmax,ymin,ymax. */
    static Box box(String text) throws UsageException {
        String[] parts = text.split(",", -1);
        if (parts.length != 4) {
            throw new UsageException("--box needs xmin,xmax,ymin,ymax (4 numbers), got '" + text + "'");
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new UsageException("--box: '" + parts[i] + "' is not a number");
            }
        }
        try {
            return new Box(v[0], v[1], v[2], v[3]);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--box: " + e.getMessage());
        }
    }

    /** Reads a snapshot file; bad data is a usage error with file:line. */
    static Snapshots read(Path file) throws UsageException {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("cannot read " + file + ": no such file");
        }
        try {
            return Snapshots.read(file);
        } catch (DataFormatException | SnapshotException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** A usage error unless the model is a planar metric. */
    static void requirePlanarMetric(Model m, Path file, String role) throws UsageException {
        if (!m.descriptor().kernels().contains("metric")) {
            throw new UsageException(file + ": " + role + " " + m.name() + " has no metric");
        }
        if (m.dimension() != 2) {
            throw new UsageException(file + ": " + role + " " + m.name() + " has " + m.dimension()
                    + " coordinates; the alignment score and both methods are defined for planar (2-D) metrics");
        }
    }

    /** A usage error unless the two models have the same dimension. */
    static void sameDimension(Model learned, Model truth, Path truthFile) throws UsageException {
        if (learned.dimension() != truth.dimension()) {
            throw new UsageException(truthFile + ": the true metric " + truth.name() + " has " + truth.dimension()
                    + " coordinates but the learned model " + learned.name() + " has " + learned.dimension());
        }
    }
}
