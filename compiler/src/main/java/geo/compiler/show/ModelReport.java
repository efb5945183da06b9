package geo.compiler.show;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code geo show} has to say about one manifold.
 *
 * @param name           the manifold's name
 * @param dimension      the number of coordinates d
 * @param coordinates    how the coordinates print ({@code theta}, {@code x[0]})
 * @param velocities     how the velocities print ({@code v[0]})
 * @param kinds          what the manifold declares: {@code metric}, {@code lagrangian}
 * @param parameterCount the length of θ
 * @param point          where values were computed, or null
 * @param usesVelocity   whether a shown section depends on the velocity
 * @param usesTime       whether a shown section depends on the time
 * @param sections       the sections, in a fixed order
 * @param periods        the periodic coordinates (as they print) and their periods, in coordinate order; empty when none
 */
public record ModelReport(String name, int dimension, List<String> coordinates, List<String> velocities,
                          List<String> kinds, int parameterCount, Point point, boolean usesVelocity,
                          boolean usesTime, List<Section> sections, Map<String, Double> periods) {

    public ModelReport {
        coordinates = List.copyOf(coordinates);
        velocities = List.copyOf(velocities);
        kinds = List.copyOf(kinds);
        sections = List.copyOf(sections);
        periods = Collections.unmodifiableMap(new LinkedHashMap<>(periods));
    }
}
