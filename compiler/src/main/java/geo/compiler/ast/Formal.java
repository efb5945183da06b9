package geo.compiler.ast;

import geo.compiler.source.SourceSpan;
import java.util.List;

/**
 * A formal argument of a {@code def}, {@code fn} or {@code loss}: a name, an optional shape and
 * an optional noise distribution. An empty shape list means "not declared" for a def (the
 * argument's shape is taken) and "scalar" for a fn or loss. {@code noise} is the distribution
 * named after {@code ~} ({@code eps[2] ~ normal}), or null for an ordinary argument; the checker
 * allows it only in a loss.
 */
public record Formal(Ident name, List<Expr.Num> shape, Ident noise, SourceSpan span) implements Node {
    public Formal {
        shape = List.copyOf(shape);
    }

    /** An ordinary argument, without noise. */
    public Formal(Ident name, List<Expr.Num> shape, SourceSpan span) {
        this(name, shape, null, span);
    }
}
