package geo.runtime.learn.fit;

import geo.runtime.api.Domain;
import geo.runtime.api.LossKernels;
import geo.runtime.api.ModelDescriptor;
import geo.runtime.api.ModelDescriptor.Input;
import geo.runtime.api.ModelDescriptor.Parameter;
import geo.runtime.data.table.DataSet;
import java.util.List;
import java.util.Set;

/** Hand-written {@link LossKernels} doubles for the fitting loop's tests. */
final class TestLosses {

    private TestLosses() {
    }

    /** ℓ and its gradients at one row. */
    interface RowLoss {
        double eval(double[] in, double[] theta, double[] gIn, double[] gTheta);
    }

    static LossKernels loss(List<Input> inputs, List<Parameter> params, RowLoss f) {
        ModelDescriptor d = new ModelDescriptor("test", "loss", 0, List.of(), Domain.NONE, inputs, List.of(), params,
                Set.of("loss"), "", "test");
        return new LossKernels() {
            final double[] gIn = new double[d.inputCount()];
            final double[] gTheta = new double[d.parameterCount()];

            @Override
            public double loss(double[] in, double[] theta) {
                return f.eval(in, theta, gIn, gTheta);
            }

            @Override
            public double lossGradient(double[] in, double[] theta, double[] gi, double[] gt) {
                return f.eval(in, theta, gi, gt);
            }

            @Override
            public void lossHvp(double[] in, double[] theta, double[] wIn, double[] wTheta, double[] hIn,
                                double[] hTheta) {
                throw new UnsupportedOperationException("not needed by the fitting loop");
            }

            @Override
            public ModelDescriptor descriptor() {
                return d;
            }

            @Override
            public LossKernels copy() {
                return TestLosses.loss(inputs, params, f);
            }
        };
    }

    /** ℓ = (wᵀx + b − y)² over inputs x[d], y and parameters w[d], b. */
    static LossKernels leastSquares(int d) {
        return loss(List.of(new Input("x", List.of(d), 0, Input.Source.DATA), new Input("y", List.of(), d,
                        Input.Source.DATA)),
                List.of(new Parameter("w", List.of(d), 0), new Parameter("b", List.of(), d)),
                (in, th, gi, gt) -> {
                    double r = th[d] - in[d];
                    for (int i = 0; i < d; i++) {
                        r += th[i] * in[i];
                    }
                    for (int i = 0; i < d; i++) {
                        gt[i] = 2 * r * in[i];
                        gi[i] = 2 * r * th[i];
                    }
                    gt[d] = 2 * r;
                    gi[d] = -2 * r;
                    return r * r;
                });
    }

    /** Rows of a data set, lines 2, 3, … of "t.csv". */
    static DataSet rows(int width, double[] values) {
        int n = values.length / width;
        int[] lines = new int[n];
        for (int r = 0; r < n; r++) {
            lines[r] = r + 2;
        }
        return new DataSet("t.csv", width, values, lines);
    }
}
