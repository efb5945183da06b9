package geo.cli.repl;

import geo.compiler.ast.Expr;
import java.util.List;

/**
 * An expression line of the REPL.
 *
 * @param text the expression as typed, without a trailing {@code ;}
 * @param expr the parsed expression; its spans point into a small wrapper text, not at the session
 */
public record Expression(String text, Expr expr) {

    /** The name of the called function when the expression is a call {@code f(...)}, else null. */
    public String callee() {
        return expr instanceof Expr.Call call ? call.callee().text() : null;
    }

    /** The arguments when the expression is a call, else an empty list. */
    public List<Expr> arguments() {
        return expr instanceof Expr.Call call ? call.args() : List.of();
    }
}
