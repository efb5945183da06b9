package geo.compiler.ast;

import geo.compiler.source.SourceSpan;
import java.util.List;

/** How a parameter gets its initial value. */
public sealed interface Init extends Node permits Init.Value, Init.Zeros, Init.Random {

    /** {@code = 0}, {@code = [1, 2]}, {@code = [[1, 0], [0, 1]]}: a constant, broadcast if scalar. */
    record Value(Expr value, SourceSpan span) implements Init {
    }

    /** {@code = zeros}. */
    record Zeros(SourceSpan span) implements Init {
    }

    /** {@code ~ normal(mu, sigma)} or {@code ~ uniform(a, b)}: independent draws per element. */
    record Random(Ident distribution, List<Expr> args, SourceSpan span) implements Init {
        public Random {
            args = List.copyOf(args);
        }
    }
}
