package geo.compiler.ast;

import java.util.List;
import geo.compiler.source.SourceSpan;

/** A declaration inside a {@code manifold} block. */
public sealed interface Member extends Node
        permits Member.Coords, Member.Metric, Member.Lagrangian, Decl.Param, Decl.Let, Decl.Def, Decl.Loss {

    /**
     * {@code coords x[2] in ball(1);} (a coordinate vector: one name and a length) or
     * {@code coords r, theta;} (named scalar coordinates: {@code length} is {@code null}).
     * {@code domain} is {@code null} when no {@code in} clause was given; {@code periodic} lists the
     * {@code periodic(phi, 2 * pi)} clauses (empty when there are none).
     */
    record Coords(List<Ident> names, Expr.Num length, Domain domain, List<Periodic> periodic, SourceSpan span)
            implements Member {
        public Coords {
            names = List.copyOf(names);
            periodic = List.copyOf(periodic);
        }

        /** Without periodic coordinates. */
        public Coords(List<Ident> names, Expr.Num length, Domain domain, SourceSpan span) {
            this(names, length, domain, List.of(), span);
        }

        /** True for {@code coords x[d]}, false for named scalar coordinates. */
        public boolean isVector() {
            return length != null;
        }
    }

    /** {@code metric g = expr;}: the Riemannian metric, a d×d matrix of the coordinates and parameters. */
    record Metric(Ident name, Expr value, SourceSpan span) implements Member {
    }

    /**
     * {@code lagrangian L(v) = expr;} or {@code lagrangian L(v, t) = expr;}: a scalar of the
     * coordinates, the velocity {@code velocity} (a vector of length d) and optionally the time.
     * {@code time} is {@code null} when not declared.
     */
    record Lagrangian(Ident name, Ident velocity, Ident time, Expr value, SourceSpan span) implements Member {
    }
}
