package geo.compiler.check;

import java.util.List;
import java.util.Objects;

/**
 * The checker's verdict on an expression: its shape, what it depends on ({@link Deps} flags), and,
 * when the expression is a <em>differentiation variable</em> (something {@code grad} and
 * {@code jacobian} may differentiate by), which free variable each of its elements is. Checking
 * methods return {@code null} instead when the expression has an error, so that one mistake is
 * reported once and not again by every enclosing expression.
 *
 * @param variable null for an ordinary value; for a variable, one {@link Element} per scalar element
 *                 (row-major). Variables are the coordinates, a lagrangian's velocity and time, the
 *                 arguments of losses (and compiled functions), elements and slices of those, lists
 *                 of scalar ones, and def arguments bound to one at the call (the def's instance is
 *                 checked separately for such a call, since the key of an instance holds the Typed).
 */
record Typed(Shape shape, int deps, List<Element> variable) {

    /** An ordinary value: no variable. */
    Typed(Shape shape, int deps) {
        this(shape, deps, null);
    }

    // equals and hashCode written out with the generated ones' semantics and formula (h = 31·h + h(c) over
    // the components), here and in Element: the generated ones link through
    // java.lang.runtime.ObjectMethods, method handles spun at first use, which a geo check of a
    // model with defs paid at start (issue 23). Typed keys def instances and sets of elements.

    @Override
    public boolean equals(Object o) {
        return o instanceof Typed t && Objects.equals(shape, t.shape) && deps == t.deps
                && Objects.equals(variable, t.variable);
    }

    @Override
    public int hashCode() {
        return (31 * Objects.hashCode(shape) + Integer.hashCode(deps)) * 31 + Objects.hashCode(variable);
    }

    /** True when this is a differentiation variable. */
    boolean isVariable() {
        return variable != null;
    }

    /**
     * One scalar free variable: element {@code index} of the declaration {@code of} (the
     * {@code coords} member, the velocity or time binding, or a loss or function argument's binding).
     */
    record Element(Object of, int index) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Element e && Objects.equals(of, e.of) && index == e.index;
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hashCode(of) + Integer.hashCode(index);
        }
    }

    /** The elements of a variable declared by {@code of} with {@code size} scalars, in order. */
    static List<Element> elements(Object of, int size) {
        Element[] out = new Element[size];
        for (int i = 0; i < size; i++) {
            out[i] = new Element(of, i);
        }
        return List.of(out);
    }
}
