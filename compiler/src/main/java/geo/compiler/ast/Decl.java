package geo.compiler.ast;

import geo.compiler.source.SourceSpan;
import java.util.List;

/** A top-level declaration of a file. Params, lets, defs, fns and losses may also appear inside a manifold. */
public sealed interface Decl extends Node
        permits Decl.Import, Decl.Manifold, Decl.Param, Decl.Let, Decl.Def, Decl.Loss {

    /** {@code import "other.geo";} — brings the top-level params, lets and defs of another file into scope. */
    record Import(String path, SourceSpan pathSpan, SourceSpan span) implements Decl {
    }

    /** {@code manifold Name { members }}. */
    record Manifold(Ident name, List<Member> members, SourceSpan span) implements Decl {
        public Manifold {
            members = List.copyOf(members);
        }
    }

    /**
     * {@code param W[32, 2] ~ normal(0, 0.3);}: a learnable parameter with a static shape
     * (empty for a scalar) and an initialiser ({@code null} when the source gave none, which the
     * checker reports).
     */
    record Param(Ident name, List<Expr.Num> shape, Init init, SourceSpan span) implements Decl, Member {
        public Param {
            shape = List.copyOf(shape);
        }
    }

    /** {@code let h = expr;}: a named value. Lets are declarative: order does not matter, cycles are errors. */
    record Let(Ident name, Expr value, SourceSpan span) implements Decl, Member {
    }

    /**
     * {@code def f(a, b[2]) = expr;}: a function, expanded at each call; formals without a shape
     * take the argument's. {@code fn f(a[2], b) = expr;} ({@code compiled} true) is a def whose
     * formals all have shapes (none: a scalar), which also compiles to kernels of its own (value,
     * JVP, VJP) and may not use coordinates.
     */
    record Def(Ident name, List<Formal> formals, Expr body, boolean compiled, SourceSpan span)
            implements Decl, Member {
        public Def {
            formals = List.copyOf(formals);
        }

        /** A plain {@code def}. */
        public Def(Ident name, List<Formal> formals, Expr body, SourceSpan span) {
            this(name, formals, body, false, span);
        }

        /** The keyword that declares it: {@code fn} or {@code def}. */
        public String keyword() {
            return compiled ? "fn" : "def";
        }
    }

    /** {@code loss pred(yhat[2], y[2]) = expr;}: a scalar function of free inputs and the parameters. */
    record Loss(Ident name, List<Formal> formals, Expr body, SourceSpan span) implements Decl, Member {
        public Loss {
            formals = List.copyOf(formals);
        }
    }
}
