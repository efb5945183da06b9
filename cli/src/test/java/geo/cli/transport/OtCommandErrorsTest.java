package geo.cli.transport;

import static geo.cli.Geo.geo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.Geo;
import geo.cli.common.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code geo ot} on bad input: every error is one clear message with its file and line, and exit 64 (70, 65). */
class OtCommandErrorsTest {

    @TempDir
    Path dir;

    private String file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    private String good() throws IOException {
        return file("good.csv", "x0,x1\n0.1,0.2\n-0.3,0.1\n");
    }

    private static void fails(Geo.Outcome o, int exit, String... parts) {
        assertEquals(exit, o.exit(), o.err());
        assertEquals("", o.out());
        for (String part : parts) {
            assertTrue(o.err().contains(part), "expected '" + part + "' in:\n" + o.err());
        }
    }

    @Test
    void cloudsOfDifferentDimension() throws IOException {
        String t = file("t3.csv", "x0,x1,x2\n0,0,0\n1,1,1\n");
        fails(geo("ot", "--source", good(), "--target", t), ExitCodes.USAGE, "in R^2", "in R^3",
                "need the same dimension");
    }

    @Test
    void weightsOfDifferentMass() throws IOException {
        String s = file("w.csv", "x0,x1,weight\n0,0,1\n1,1,1\n");
        fails(geo("ot", "--source", s, "--target", good()), ExitCodes.USAGE, "the source weights sum to 2",
                "the target weights to 1", "same mass");
    }

    @Test
    void negativeWeight() throws IOException {
        String s = file("neg.csv", "weight,x0,x1\n1.5,0,0\n-0.5,1,1\n");
        fails(geo("ot", "--source", s, "--target", good()), ExitCodes.USAGE, "neg.csv:3: the weight -0.5 is negative");
    }

    @Test
    void notANumber() throws IOException {
        String s = file("nan.csv", "x0,x1\n0,0\n# a comment\n1,NaN\n");
        fails(geo("ot", "--source", s, "--target", good()), ExitCodes.USAGE, "nan.csv:4: 'NaN' is not a number");
    }

    @Test
    void emptyFileAndNoPoints() throws IOException {
        fails(geo("ot", "--source", file("e.csv", "\n  \n"), "--target", good()), ExitCodes.USAGE,
                "e.csv: empty file");
        fails(geo("ot", "--source", file("h.csv", "x0,x1\n"), "--target", good()), ExitCodes.USAGE,
                "h.csv: no points after the header");
        fails(geo("ot", "--source", dir.resolve("missing.csv").toString(), "--target", good()), ExitCodes.USAGE,
                "missing.csv: no such file");
    }

    @Test
    void missingOrBadHeader() throws IOException {
        fails(geo("ot", "--source", file("n.csv", "0.5,0.5\n1,1\n"), "--target", good()), ExitCodes.USAGE,
                "n.csv:1: missing header");
        fails(geo("ot", "--source", file("b.csv", "x0,y\n0.5,0.5\n"), "--target", good()), ExitCodes.USAGE,
                "b.csv:1: unknown column 'y'");
        fails(geo("ot", "--source", file("r.csv", "x0,x1\n0.5,0.5,1\n"), "--target", good()), ExitCodes.USAGE,
                "r.csv:2: expected 2 values");
    }

    @Test
    void epsilonMustBePositiveAndNeedsSinkhorn() throws IOException {
        fails(geo("ot", "--source", good(), "--target", good(), "--solver", "sinkhorn", "--eps", "0"), ExitCodes.USAGE,
                "--eps must be a positive number, got 0.0");
        fails(geo("ot", "--source", good(), "--target", good(), "--solver", "sinkhorn", "--eps", "-1e-3"),
                ExitCodes.USAGE, "--eps must be a positive number");
        fails(geo("ot", "--source", good(), "--target", good(), "--eps", "0.1"), ExitCodes.USAGE,
                "--eps needs --solver sinkhorn");
    }

    /** A Sinkhorn run stopped by its iteration limit is a numerical failure, with its status and marginal error. */
    @Test
    void sinkhornThatDoesNotConverge() throws IOException {
        String s = file("s.csv", "x0,x1\n0,0\n1,0.5\n2,0\n");
        String t = file("t.csv", "x0,x1\n0.2,1\n1,-0.5\n2.5,0.3\n");
        fails(geo("ot", "--source", s, "--target", t, "--solver", "sinkhorn", "--eps", "1e-4", "--max-iterations", "3"),
                ExitCodes.RUNTIME_FAILURE, "the sinkhorn solver failed: ITERATION_LIMIT after 3 iterations",
                "marginal error");
        fails(geo("ot", "--source", s, "--target", t, "--max-iterations", "3"), ExitCodes.USAGE,
                "--max-iterations needs --solver sinkhorn");
        fails(geo("ot", "--source", s, "--target", t, "--solver", "sinkhorn", "--max-iterations", "0"), ExitCodes.USAGE,
                "--max-iterations must be at least 1");
    }

    @Test
    void unknownChoicesAndMissingModel() throws IOException {
        fails(geo("ot", "--source", good(), "--target", good(), "--solver", "magic"), ExitCodes.USAGE,
                "unknown --solver 'magic'");
        fails(geo("ot", "--source", good(), "--target", good(), "--cost", "geodesic"), ExitCodes.USAGE,
                "--cost geodesic needs --model");
        fails(geo("ot", "--source", good(), "--target", good(), "--cost", "l1"), ExitCodes.USAGE, "unknown --cost 'l1'");
        fails(geo("ot", "--source", good(), "--target", good(), "--action", "discrete"), ExitCodes.USAGE,
                "--action needs --cost lagrangian");
        fails(geo("ot", "--source", good(), "--target", good(), "--model", Geo.example("obstacle.geo"), "--cost",
                "geodesic"), ExitCodes.USAGE, "has no metric");
        fails(geo("ot", "--source", good(), "--target", good(), "--model", Geo.example("poincare.geo"), "--steps",
                "25001"), ExitCodes.USAGE, "--steps must be from 2 to 25000");
        fails(geo("ot", "--source", good(), "--target", good(), "--steps", "32"), ExitCodes.USAGE,
                "--steps needs --cost geodesic");
        fails(geo("ot", "--source", good(), "--target", good(), "--plot", dir.resolve("x.gif").toString()),
                ExitCodes.USAGE, "--plot");
    }

    @Test
    void pointOutsideTheModelsDomain() throws IOException {
        String s = file("out.csv", "x0,x1\n0.1,0.2\n1.2,0\n");
        fails(geo("ot", "--source", s, "--target", good(), "--model", Geo.example("poincare.geo")), ExitCodes.USAGE,
                "out.csv:3: the point is outside the model's domain");
    }

    @Test
    void modelWithCompileErrors() throws IOException {
        String m = file("bad.geo", "manifold Bad { coords x[2]; metric g = eye(3); }\n");
        Geo.Outcome o = geo("ot", "--source", good(), "--target", good(), "--model", m);
        assertEquals(ExitCodes.COMPILE_ERROR, o.exit(), o.err());
        assertTrue(o.err().contains("bad.geo:1:"), o.err());
    }

    /**
     * Entries whose geodesic fails the accuracy check near the boundary of the ball even with 64
     * steps (16, refined twice): exit 70, each with its lines.
     */
    @Test
    void failedCostEntriesAreListed() throws IOException {
        String s = file("s.csv", "x0,x1\n0.1,0.2\n0.995,0.0\n");
        String t = file("t.csv", "x0,x1\n-0.996,0.01\n0.3,0.3\n");
        fails(geo("ot", "--source", s, "--target", t, "--model", Geo.example("poincare.geo"), "--steps", "16"),
                ExitCodes.RUNTIME_FAILURE, "cost entries (squared geodesic distance of PoincareBall) failed",
                "source " + s + ":2 to target " + t + ":2: INACCURATE", "more --steps");
    }
}
