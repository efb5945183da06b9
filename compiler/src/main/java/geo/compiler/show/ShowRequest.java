package geo.compiler.show;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to show.
 *
 * @param topics   the sections asked for; empty means the default (metric and spray for a metric,
 *                 Euler–Lagrange for a Lagrangian, and the file's losses)
 * @param manifold the one manifold to show, or null for all of the file's manifolds
 * @param at       the point x at which to evaluate every equation, or null for no values
 * @param velocity the velocity v for equations that need one, or null for all ones; only with {@code at}
 * @param parameters values of parameters by name (all elements, row-major) replacing the model's
 *                   defaults in the values at {@code at}; empty for the defaults
 */
public record ShowRequest(Set<Topic> topics, String manifold, double[] at, double[] velocity,
                          Map<String, double[]> parameters) {

    public ShowRequest {
        EnumSet<Topic> copy = EnumSet.noneOf(Topic.class);
        copy.addAll(topics);
        topics = Collections.unmodifiableSet(copy);
        at = at == null ? null : at.clone();
        velocity = velocity == null ? null : velocity.clone();
        Map<String, double[]> values = new LinkedHashMap<>();
        parameters.forEach((name, v) -> values.put(name, v.clone()));
        parameters = Collections.unmodifiableMap(values);
    }

    /** A request with the default parameters. */
    public ShowRequest(Set<Topic> topics, String manifold, double[] at, double[] velocity) {
        this(topics, manifold, at, velocity, Map.of());
    }

    /** This request with the parameter values {@code values} (name to all elements). */
    public ShowRequest withParameters(Map<String, double[]> values) {
        return new ShowRequest(topics, manifold, at, velocity, values);
    }

    /** Everything by default: all manifolds, default sections, no values. */
    public static ShowRequest defaults() {
        return new ShowRequest(Set.of(), null, null, null);
    }

    /** A copy of the point, or null. */
    @Override
    public double[] at() {
        return at == null ? null : at.clone();
    }

    /** A copy of the velocity, or null. */
    @Override
    public double[] velocity() {
        return velocity == null ? null : velocity.clone();
    }

    /** This request with only {@code chosen} sections. */
    public ShowRequest withTopics(Topic... chosen) {
        return new ShowRequest(Set.copyOf(Arrays.asList(chosen)), manifold, at, velocity, parameters);
    }

    /** This request evaluated at {@code x} (velocity unchanged). */
    public ShowRequest at(double... x) {
        return new ShowRequest(topics, manifold, x, velocity, parameters);
    }

    /** This request with the velocity {@code v}. */
    public ShowRequest withVelocity(double... v) {
        return new ShowRequest(topics, manifold, at, v, parameters);
    }

    /** This request restricted to the manifold {@code name}. */
    public ShowRequest onlyManifold(String name) {
        return new ShowRequest(topics, name, at, velocity, parameters);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShowRequest r && r.topics.equals(topics) && Objects.equals(r.manifold, manifold)
                && Arrays.equals(r.at, at) && Arrays.equals(r.velocity, velocity) && sameParameters(r.parameters);
    }

    private boolean sameParameters(Map<String, double[]> other) {
        if (!other.keySet().equals(parameters.keySet())) {
            return false;
        }
        for (Map.Entry<String, double[]> e : parameters.entrySet()) {
            if (!Arrays.equals(e.getValue(), other.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return ((topics.hashCode() * 31 + Objects.hashCode(manifold)) * 31 + Arrays.hashCode(at)) * 31
                + Arrays.hashCode(velocity);
    }

    @Override
    public String toString() {
        return "ShowRequest[topics=" + topics + ", manifold=" + manifold + ", at=" + Arrays.toString(at)
                + ", velocity=" + Arrays.toString(velocity) + ", parameters=" + parameters.keySet() + "]";
    }
}
