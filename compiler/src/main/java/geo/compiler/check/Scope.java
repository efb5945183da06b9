package geo.compiler.check;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A lexical scope: a map from names to bindings and a parent to look in next. */
public final class Scope {

    private final Scope parent;
    private final String description;
    private final Map<String, Binding> names = new LinkedHashMap<>();

    public Scope(Scope parent, String description) {
        this.parent = parent;
        this.description = description;
    }

    public Scope parent() {
        return parent;
    }

    /** For messages, e.g. "manifold Sphere" or "the top level of sphere.geo". */
    public String description() {
        return description;
    }

    /** The binding of {@code name} declared in this scope itself, or null. */
    public Binding own(String name) {
        return names.get(name);
    }

    /** Declares {@code b}; the caller has checked it is not a duplicate. */
    void put(String name, Binding b) {
        names.put(name, b);
    }

    /** Looks {@code name} up here, then in the enclosing scopes; null when undefined. */
    public Binding lookup(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            Binding b = s.names.get(name);
            if (b != null) {
                return b;
            }
        }
        return null;
    }

    /** Every name visible from here, innermost first (for "did you mean" suggestions). */
    public List<String> visibleNames() {
        List<String> out = new ArrayList<>();
        for (Scope s = this; s != null; s = s.parent) {
            out.addAll(s.names.keySet());
        }
        return out;
    }

    public Collection<Binding> ownBindings() {
        return names.values();
    }
}
