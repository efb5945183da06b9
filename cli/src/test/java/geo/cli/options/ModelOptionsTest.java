package geo.cli.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.common.Io;
import geo.cli.common.UsageException;
import geo.runtime.load.Model;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ModelOptions#loadFunction}: what {@code geo eval --fn NAME} will select a fn with. */
class ModelOptionsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Io io = new Io(new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void aFnIsSelectedByNameAndAMissingOneListsTheOthers() throws IOException, UsageException {
        Path f = dir.resolve("m.geo");
        Files.writeString(f, "param a = 2;\nfn twice(x[2]) = a * x;\nfn norm2(x[2]) = dot(x, x);\nloss l(y) = y^2;\n");
        Model m = ModelOptions.loadFunction(io, f, "twice");
        double[] out = new double[2];
        m.function().value(new double[] {1, 3}, m.defaultParameters(), out);
        assertEquals(2.0, out[0], 0.0);
        assertEquals(6.0, out[1], 0.0);
        UsageException e = assertThrows(UsageException.class, () -> ModelOptions.loadFunction(io, f, "l"));
        assertEquals(f + ": no fn called 'l'; the fns are twice, norm2", e.getMessage());
    }

    @Test
    void aFileWithErrorsGivesNullAfterItsDiagnostics() throws IOException, UsageException {
        Path f = dir.resolve("bad.geo");
        Files.writeString(f, "fn f(x[2], eps ~ normal) = x;\n");
        assertNull(ModelOptions.loadFunction(io, f, "f"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("noise inputs (eps ~ normal) are allowed only in the "
                + "arguments of a loss"), err.toString(StandardCharsets.UTF_8));
    }
}
