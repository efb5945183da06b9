package geo.runtime.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The initialisers of a model's parameters in layout order, and θ₀ drawn from them: each
 * parameter filled in turn from one {@link SplittableRandom} seeded with the seed, so a seed
 * always gives the same θ₀ and the compiler's θ₀ (seed 0) is {@code draw(0)} bit for bit.
 *
 * @param entries one per parameter, in the order of θ
 */
public record ParameterInits(List<Entry> entries) {

    /** Parameter elements θ[offset .. offset + size) are made by {@code init}. */
    public record Entry(int offset, int size, ParameterInit init) {
    }

    public ParameterInits {
        entries = List.copyOf(entries);
        int at = 0;
        for (Entry e : entries) {
            if (e.offset() != at || e.size() < 0) {
                throw new IllegalArgumentException("parameter entries must tile θ in order: offset " + e.offset()
                        + " where " + at + " was expected");
            }
            at += e.size();
        }
    }

    /** The length of θ. */
    public int size() {
        return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).offset() + entries.get(entries.size() - 1).size();
    }

    /** A new θ₀ drawn with {@code seed}. */
    public double[] draw(long seed) {
        double[] theta = new double[size()];
        RandomGenerator random = new SplittableRandom(seed);
        for (Entry e : entries) {
            e.init().fill(theta, e.offset(), e.size(), random);
        }
        return theta;
    }

    /**
     * These initialisers with every parameter whose seed-0 value differs from {@code theta} fixed
     * to {@code theta}'s values (a constant), so that {@code draw(0)} gives {@code theta} and other
     * seeds redraw only the parameters that were not set (trained values shipped in a jar stay).
     */
    public ParameterInits fixedAt(double[] theta) {
        if (theta.length != size()) {
            throw new IllegalArgumentException("θ has " + theta.length + " values, not " + size());
        }
        double[] base = draw(0);
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            double[] mine = java.util.Arrays.copyOfRange(theta, e.offset(), e.offset() + e.size());
            boolean same = java.util.Arrays.equals(mine, java.util.Arrays.copyOfRange(base, e.offset(),
                    e.offset() + e.size()));
            out.add(same ? e : new Entry(e.offset(), e.size(), new ParameterInit.Constant(mine)));
        }
        return new ParameterInits(out);
    }

    /**
     * The JSON form stored in a model jar's index: one object per parameter, {@code {"kind": "normal",
     * "mu": …, "sigma": …}}, {@code {"kind": "uniform", "a": …, "b": …}} or {@code {"kind":
     * "constant"}} (a constant's values are θ₀'s, stored beside).
     */
    public List<Object> toJson() {
        List<Object> out = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (e.init() instanceof ParameterInit.Normal n) {
                m.put("kind", "normal");
                m.put("mu", n.mu());
                m.put("sigma", n.sigma());
            } else if (e.init() instanceof ParameterInit.Uniform u) {
                m.put("kind", "uniform");
                m.put("a", u.a());
                m.put("b", u.b());
            } else {
                m.put("kind", "constant");
            }
            out.add(m);
        }
        return out;
    }

    /**
     * Reads {@link #toJson()}'s form for the parameters of {@code descriptor}, taking constants'
     * values from {@code defaults}; a mistake is an {@link IllegalArgumentException} naming the path.
     */
    public static ParameterInits fromJson(Object json, String path, ModelDescriptor descriptor, double[] defaults) {
        List<?> list = JsonFields.array(json, path, ModelDescriptor.MAX_PARAMETERS);
        List<ModelDescriptor.Parameter> params = descriptor.parameters();
        if (list.size() != params.size()) {
            throw new IllegalArgumentException(path + " has " + list.size() + " entries but model "
                    + descriptor.name() + " has " + params.size() + " parameters");
        }
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonFields f = JsonFields.element(list, path, i);
            ModelDescriptor.Parameter p = params.get(i);
            int size = p.size();
            String kind = f.string("kind");
            ParameterInit init = switch (kind) {
                case "normal" -> new ParameterInit.Normal(f.number("mu"), f.number("sigma"));
                case "uniform" -> new ParameterInit.Uniform(f.number("a"), f.number("b"));
                case "constant" -> new ParameterInit.Constant(java.util.Arrays.copyOfRange(defaults, p.offset(),
                        p.offset() + size));
                default -> throw new IllegalArgumentException(f.path("kind") + " is \"" + kind
                        + "\", not normal, uniform or constant");
            };
            out.add(new Entry(p.offset(), size, init));
        }
        return new ParameterInits(out);
    }
}
