package geo.compiler.ir;

import java.util.Objects;

/**
 * A free variable of an expression: a leaf the caller binds to a number at evaluation time.
 *
 * <p>{@code index} is the slot in the array the symbol is read from when evaluated
 * (coordinates, velocities, the flat parameter vector θ, or the inputs of a loss); {@code name}
 * is only for display. Time has the single slot 0. Two symbols are equal when kind, index and
 * name are equal; a {@link NodeFactory} refuses two different names for the same slot, so within
 * one compilation a slot has exactly one symbol.
 *
 * @param kind  what the symbol stands for
 * @param index slot in the binding array of its kind (0 for time)
 * @param name  printed name, e.g. {@code x[0]}, {@code theta}, {@code W1[3,1]}
 */
public record Symbol(Kind kind, int index, String name) implements Comparable<Symbol> {

    /** The binding array a symbol is read from. The declaration order is the printing order. */
    public enum Kind { COORD, VELOCITY, TIME, PARAM, INPUT }

    /** Validates the components; indices are non-negative and time has index 0. */
    public Symbol {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (index < 0) {
            throw new IllegalArgumentException("negative symbol index " + index + " for " + name);
        }
        if (kind == Kind.TIME && index != 0) {
            throw new IllegalArgumentException("time has the single slot 0, got " + index);
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty symbol name");
        }
    }

    /**
     * Equal kind, index and name, as a record's generated {@code equals}, written out: the generated
     * one links through {@code java.lang.runtime.ObjectMethods} (method handles spun at first use),
     * which every {@code geo check} of a model with a metric paid at start (issue 23).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Symbol s && kind == s.kind && index == s.index && name.equals(s.name);
    }

    /** The record's generated hash, written out (same formula: (31·h(kind) + h(index))·31 + h(name)). */
    @Override
    public int hashCode() {
        return (31 * kind.hashCode() + Integer.hashCode(index)) * 31 + name.hashCode();
    }

    /** Coordinate {@code x[i]}. */
    public static Symbol coord(int index) {
        return new Symbol(Kind.COORD, index, "x[" + index + "]");
    }

    /** Coordinate with a user-chosen display name (e.g. {@code r}, {@code phi}). */
    public static Symbol coord(String name, int index) {
        return new Symbol(Kind.COORD, index, name);
    }

    /** Velocity {@code v[i]}. */
    public static Symbol velocity(int index) {
        return new Symbol(Kind.VELOCITY, index, "v[" + index + "]");
    }

    /** Velocity with a user-chosen display name. */
    public static Symbol velocity(String name, int index) {
        return new Symbol(Kind.VELOCITY, index, name);
    }

    /** Time {@code t}. */
    public static Symbol time() {
        return new Symbol(Kind.TIME, 0, "t");
    }

    /** Parameter entry at flat index {@code index} of θ, displayed as {@code name}. */
    public static Symbol param(String name, int index) {
        return new Symbol(Kind.PARAM, index, name);
    }

    /** Free input of a loss at slot {@code index}, displayed as {@code name}. */
    public static Symbol input(String name, int index) {
        return new Symbol(Kind.INPUT, index, name);
    }

    /** Order: kind, then index, then name; this is the order symbols appear in sums. */
    @Override
    public int compareTo(Symbol o) {
        int c = kind.compareTo(o.kind);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(index, o.index);
        return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
