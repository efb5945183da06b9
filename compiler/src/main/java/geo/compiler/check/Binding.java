package geo.compiler.check;

import geo.compiler.ast.Decl;
import geo.compiler.ast.Formal;
import geo.compiler.ast.Ident;
import geo.compiler.ast.Member;
import geo.compiler.source.SourceSpan;

/**
 * What a name refers to, as found by {@link Resolver}. Each declaration has exactly one binding,
 * so bindings compare by identity (records would otherwise hash whole declarations, bodies included).
 */
public sealed interface Binding {

    /** The declared name. */
    Ident name();

    /** What kind of thing this is, for messages: "parameter", "let", "function", ... */
    String kind();

    /** Where it was declared. */
    default SourceSpan declared() {
        return name().span();
    }

    /** The coordinate vector of {@code coords x[d]}. */
    record CoordVector(Ident name, Member.Coords decl, int dim) implements Binding {
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String kind() {
            return "coordinate vector";
        }
    }

    /** One named coordinate of {@code coords r, theta}. */
    record CoordScalar(Ident name, Member.Coords decl, int index) implements Binding {
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String kind() {
            return "coordinate";
        }
    }

    record Param(Ident name, Decl.Param decl) implements Binding {
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String kind() {
            return "parameter";
        }
    }

    /** A let; {@code scope} is where its body's names resolve. */
    record Let(Ident name, Decl.Let decl, Scope scope) implements Binding {
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String kind() {
            return "let";
        }
    }

    /** A user function; {@code scope} is where its body's free names resolve. */
    record Def(Ident name, Decl.Def decl, Scope scope) implements Binding {
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String kind() {
            return "function";
        }
    }

    /** The metric, usable by name in lets and the lagrangian of its manifold. */
    record Metric(Ident name, Member.Metric decl, Scope scope) implements Binding {
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String kind() {
            return "metric";
        }
    }

    record Lagrangian(Ident name, Member.Lagrangian decl) implements Binding {
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String kind() {
            return "lagrangian";
        }
    }

    record Loss(Ident name, Decl.Loss decl) implements Binding {
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String kind() {
            return "loss";
        }
    }

    record Manifold(Ident name, Decl.Manifold decl) implements Binding {
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String kind() {
            return "manifold";
        }
    }

    /** A formal argument of a def or loss. {@code owner} is the def or loss it belongs to. */
    record Argument(Ident name, Formal decl, Decl owner) implements Binding {
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String kind() {
            return "argument";
        }
    }

    /** The velocity of a lagrangian, a vector of length d. */
    record Velocity(Ident name, Member.Lagrangian decl, int dim) implements Binding {
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String kind() {
            return "velocity";
        }
    }

    /** The time of a lagrangian. */
    record Time(Ident name, Member.Lagrangian decl) implements Binding {
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String kind() {
            return "time";
        }
    }

    /** A built-in constant such as {@code pi}. */
    record Constant(Ident name, double value) implements Binding {
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String kind() {
            return "built-in constant";
        }
    }
}
