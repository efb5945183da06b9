package geo.compiler.lower;

import geo.compiler.ir.Node;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A manifold lowered to scalar IR.
 *
 * @param name        the manifold's name
 * @param dimension   the number of coordinates d
 * @param coordinates how each coordinate prints ({@code x[0]}, or the declared names)
 * @param params      the layout of the parameter vector θ
 * @param metric      the d×d metric, or null when the manifold has only a Lagrangian
 * @param lagrangian  the Lagrangian, or null when the manifold has only a metric
 * @param lets        the manifold's own lets, in declaration order (for display)
 */
public record LoweredModel(String name, int dimension, List<String> coordinates, ParamLayout params,
                           Tensor metric, Node lagrangian, Map<String, Tensor> lets) {

    public LoweredModel {
        coordinates = List.copyOf(coordinates);
        lets = Collections.unmodifiableMap(new LinkedHashMap<>(lets));
    }
}
