package geo.compiler.lower;

import geo.compiler.check.Shape;
import geo.compiler.ir.Node;
import geo.runtime.api.ModelDescriptor;
import java.util.List;

/**
 * A loss lowered to scalar IR: a function of its inputs (INPUT symbols) and θ (PARAM symbols).
 *
 * @param name       the loss's name
 * @param inputs     its arguments with their first input slot
 * @param inputCount the total number of input scalars
 * @param params     the layout of θ
 * @param value      the loss
 */
public record LoweredLoss(String name, List<Input> inputs, int inputCount, ParamLayout params, Node value) {

    public LoweredLoss {
        inputs = List.copyOf(inputs);
    }

    /**
     * An argument of the loss: its scalars are the input slots {@code offset ...}; {@code source}
     * says whether they come from the data or are drawn fresh for every row and step.
     */
    public record Input(String name, Shape shape, int offset, ModelDescriptor.Input.Source source) {
    }
}
