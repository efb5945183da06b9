package geo.cli.repl;

/**
 * The evaluator of a build without the runtime's solvers in the REPL: it recognises the
 * geometric calls and says plainly that they cannot be evaluated yet, and never makes up a value.
 */
final class UnavailableEvaluator implements Evaluator {

    @Override
    public String evaluate(Expression expression, ModelContext model) throws EvaluationException {
        String what = describe(expression.callee(), expression.arguments().size());
        if (what != null) {
            throw new EvaluationException(what + " is not available yet in this build: it needs the runtime's"
                    + " geodesic solvers, which the REPL does not use yet");
        }
        throw new EvaluationException("cannot evaluate '" + expression.text() + "': evaluating expressions is not"
                + " available yet in this build; declarations start with a keyword (coords, param, let, def, metric,"
                + " lagrangian, loss, manifold) and commands with ':' (:help lists them)");
    }

    /** The geometric operation a call names, or null; one-argument exp and log are the element-wise functions. */
    private static String describe(String callee, int arity) {
        if (callee == null || arity != 2) {
            return null;
        }
        return switch (callee) {
            case "exp" -> "exp(x, v), the exponential map,";
            case "log" -> "log(x, y), the logarithm map,";
            case "dist" -> "dist(x, y), the geodesic distance,";
            default -> null;
        };
    }
}
