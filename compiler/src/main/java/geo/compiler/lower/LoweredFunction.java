package geo.compiler.lower;

import geo.compiler.ir.Node;
import java.util.List;

/**
 * A fn lowered to scalar IR: y = f(in; θ), its inputs INPUT symbols laid out as a loss's
 * ({@link Lowering#lowerFunction}), θ PARAM symbols.
 *
 * @param name       the fn's name
 * @param inputs     its arguments with their first input slot (source always {@code DATA})
 * @param inputCount the total number of input scalars n
 * @param params     the layout of θ
 * @param value      its value: a scalar, vector or matrix of m elements, row-major
 */
public record LoweredFunction(String name, List<LoweredLoss.Input> inputs, int inputCount, ParamLayout params,
                              Tensor value) {

    public LoweredFunction {
        inputs = List.copyOf(inputs);
    }

    /** The value's elements, row-major (m of them). */
    public Node[] outputs() {
        return value.elements().clone();
    }
}
