package geo.compiler.ast;

import geo.compiler.source.SourceSpan;
import java.util.List;

/** The {@code in ball(1)} clause of a coords declaration: where the chart is valid. */
public record Domain(Ident kind, List<Expr> args, SourceSpan span) implements Node {
    public Domain {
        args = List.copyOf(args);
    }
}
