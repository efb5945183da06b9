package geo.compiler.ast;

import geo.compiler.source.SourceSpan;
import java.util.List;

/**
 * A formal argument of a {@code def} or {@code loss}: a name and an optional shape. An empty shape
 * list means "not declared" for a def (the argument's shape is taken) and "scalar" for a loss.
 */
public record Formal(Ident name, List<Expr.Num> shape, SourceSpan span) implements Node {
    public Formal {
        shape = List.copyOf(shape);
    }
}
