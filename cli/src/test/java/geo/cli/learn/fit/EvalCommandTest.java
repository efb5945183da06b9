package geo.cli.learn.fit;

import static geo.cli.Geo.geo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.Geo;
import geo.cli.common.ExitCodes;
import geo.runtime.api.ModelDescriptor.Input;
import geo.runtime.data.table.DataSet;
import geo.runtime.learn.fit.NoiseDraws;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code geo eval}: fns of scalar, vector and matrix value and a loss's per-row values end to end,
 * and the row loop ({@link EvalCommand#evaluate}) on a hand-written function.
 */
class EvalCommandTest {

    @Test
    void aLossIsEvaluatedOnEveryRowWithSavedParameters(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("linear.geo");
        Files.writeString(model, "param w[2] = zeros;\nparam b = 0;\nloss sq(x[2], y) = (dot(w, x) + b - y)^2;\n");
        Files.writeString(dir.resolve("p.json"), "{\"w\": [1, -2], \"b\": 0.5}");
        Files.writeString(dir.resolve("d.csv"), "id,x0,x1,y\n1,1,1,0\n2,0.5,2,-1\n");
        Geo.Outcome o = geo("eval", model.toString(), "--fn", "sq", "--data", dir.resolve("d.csv").toString(),
                "--params", dir.resolve("p.json").toString());
        assertEquals(0, o.exit(), o.err());
        // (1 − 2 + 0.5 − 0)² = 0.25; (0.5 − 4 + 0.5 + 1)² = 4.
        assertEquals("sq\n0.25\n4.0\n", o.out());
        assertTrue(o.err().contains("columns [id] name no input of sq and are ignored"), o.err());
        Path out = dir.resolve("out.csv");
        Geo.Outcome written = geo("eval", model.toString(), "--data", dir.resolve("d.csv").toString(), "--out",
                out.toString());
        assertEquals(0, written.exit(), written.err());
        assertEquals(List.of("sq", "0.0", "1.0"), Files.readAllLines(out));
    }

    @Test
    void badDataAndNonFiniteValues(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("r.geo");
        Files.writeString(model, "param a = 1;\nloss root(x) = sqrt(a * x);\n");
        Files.writeString(dir.resolve("d.csv"), "x\n4\n-1\n");
        Geo.Outcome o = geo("eval", model.toString(), "--data", dir.resolve("d.csv").toString());
        assertEquals(ExitCodes.RUNTIME_FAILURE, o.exit());
        assertTrue(o.err().contains("d.csv:3: the value is NaN"), o.err());
        Files.writeString(dir.resolve("d.csv"), "z\n4\n");
        o = geo("eval", model.toString(), "--data", dir.resolve("d.csv").toString());
        assertEquals(ExitCodes.USAGE, o.exit());
        assertTrue(o.err().contains("d.csv:1: column 'x': missing: loss root needs the columns x"), o.err());
        o = geo("eval", model.toString(), "--fn", "predict", "--data", dir.resolve("d.csv").toString());
        assertEquals(ExitCodes.USAGE, o.exit());
        assertTrue(o.err().contains("no function or loss called 'predict'"), o.err());
    }

    @Test
    void outputColumnsAreNamedAfterTheFunction() {
        assertEquals(List.of("predict"), EvalCommand.outputNames("predict", List.of()));
        assertEquals(List.of("predict[0]", "predict[1]"), EvalCommand.outputNames("predict", List.of(2)));
        assertEquals(List.of("m[0][0]", "m[0][1]", "m[1][0]", "m[1][1]"), EvalCommand.outputNames("m", List.of(2, 2)));
    }

    /** A vector function f(x; θ) = (x₀ + θ₀, x₀·x₁) over the rows, and a non-finite value named by its line. */
    @Test
    void aFunctionOfVectorValueOnEveryRow() throws EvalCommand.NonFiniteValue {
        EvalCommand.RowValue f = (in, th, out) -> {
            out[0] = in[0] + th[0];
            out[1] = in[0] * in[1];
        };
        DataSet rows = new DataSet("in.csv", 2, new double[] {1, 2, 3, 4}, new int[] {2, 3});
        NoiseDraws none = new NoiseDraws(List.of(new Input("x", List.of(2), 0, Input.Source.DATA)));
        assertArrayEquals(new double[] {11, 2, 13, 12}, EvalCommand.evaluate(f, 2, rows, new double[] {10}, none, 0), 0.0);
        DataSet bad = new DataSet("in.csv", 2, new double[] {1, 2, 3, Double.POSITIVE_INFINITY}, new int[] {2, 7});
        EvalCommand.NonFiniteValue e = assertThrows(EvalCommand.NonFiniteValue.class,
                () -> EvalCommand.evaluate(f, 2, bad, new double[] {0}, none, 0));
        assertEquals("in.csv:7: the value is Infinity in output 1", e.getMessage());
    }

    /** Compiled fns: the default is the file's only fn; vector and matrix values get NAME[i] and NAME[i][j] columns. */
    @Test
    void compiledFunctionsOfEveryShape(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("f.geo");
        Files.writeString(model, "param a = 10;\nfn both(x[2]) = [x[0] + a, x[0] * x[1]];\n"
                + "fn diag2(x[2]) = [[x[0], 0], [0, a * x[1]]];\nloss l(x[2]) = dot(both(x), both(x));\n");
        Files.writeString(dir.resolve("d.csv"), "x[0],x[1]\n1,2\n3,4\n");
        Geo.Outcome o = geo("eval", model.toString(), "--fn", "both", "--data", dir.resolve("d.csv").toString());
        assertEquals(0, o.exit(), o.err());
        assertEquals("both[0],both[1]\n11.0,2.0\n13.0,12.0\n", o.out());
        o = geo("eval", model.toString(), "--fn", "diag2", "--data", dir.resolve("d.csv").toString(), "--param", "a=2");
        assertEquals(0, o.exit(), o.err());
        assertEquals("diag2[0][0],diag2[0][1],diag2[1][0],diag2[1][1]\n1.0,0.0,0.0,4.0\n3.0,0.0,0.0,8.0\n", o.out());
        o = geo("eval", model.toString(), "--data", dir.resolve("d.csv").toString());
        assertEquals(ExitCodes.USAGE, o.exit());
        assertTrue(o.err().contains("has several of kind function [both, diag2]; choose one with --fn"), o.err());
    }
}
