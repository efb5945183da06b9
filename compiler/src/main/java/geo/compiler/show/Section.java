package geo.compiler.show;

import geo.compiler.ir.Dag;
import geo.compiler.ir.Node;
import java.util.List;

/**
 * A group of equations shown together, e.g. the non-zero Christoffel symbols.
 *
 * @param id        a stable machine name: {@code metric}, {@code inverse-metric}, {@code christoffel},
 *                  {@code spray}, {@code riemann}, {@code ricci}, {@code scalar-curvature},
 *                  {@code lagrangian}, {@code velocity-hessian}, {@code euler-lagrange}, {@code loss};
 *                  for a topic the manifold cannot have (a metric section of a Lagrangian), the
 *                  topic's flag ({@link Topic#flag()}) with a note and no equations
 * @param title     a heading for people, e.g. {@code Christoffel symbols of the second kind Γ^k_i,j}
 * @param notes     short remarks on what is shown and what is left out (zeros, symmetries)
 * @param equations the equations, in index order; may be empty when everything is zero
 * @param values    their values at the requested point (and derived ones), empty without a point
 */
public record Section(String id, String title, List<String> notes, List<Equation> equations, List<Value> values) {

    public Section {
        notes = List.copyOf(notes);
        equations = List.copyOf(equations);
        values = List.copyOf(values);
    }

    /** The number of distinct nodes of all displayed right-hand sides together. */
    public int displayNodes() {
        return Dag.count(displays());
    }

    /** The displayed right-hand sides, in order. */
    public Node[] displays() {
        return equations.stream().map(Equation::display).toArray(Node[]::new);
    }

    /** This section with {@code vals} as its values. */
    Section withValues(List<Value> vals) {
        return new Section(id, title, notes, equations, vals);
    }
}
