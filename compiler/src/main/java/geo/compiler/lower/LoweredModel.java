package geo.compiler.lower;

import geo.compiler.ir.Node;
import geo.compiler.ir.Symbol;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A manifold lowered to scalar IR.
 *
 * @param name        the manifold's name
 * @param dimension   the number of coordinates d
 * @param coordinates the coordinate symbols x_i (printed {@code x[0]}, or as declared: {@code theta})
 * @param velocities  the velocity symbols v_i (printed with the Lagrangian's velocity name, else {@code v})
 * @param time        the time symbol (printed with the Lagrangian's time name, else {@code t})
 * @param params      the layout of the parameter vector θ
 * @param metric      the d×d metric, or null when the manifold has only a Lagrangian
 * @param lagrangian  the Lagrangian, or null when the manifold has only a metric
 * @param lets        the manifold's own lets, in declaration order (for display)
 */
public record LoweredModel(String name, int dimension, List<Symbol> coordinates, List<Symbol> velocities,
                           Symbol time, ParamLayout params, Tensor metric, Node lagrangian,
                           Map<String, Tensor> lets) {

    public LoweredModel {
        coordinates = List.copyOf(coordinates);
        velocities = List.copyOf(velocities);
        lets = Collections.unmodifiableMap(new LinkedHashMap<>(lets));
    }

    /** How each coordinate prints. */
    public List<String> coordinateNames() {
        return coordinates.stream().map(Symbol::name).toList();
    }
}
