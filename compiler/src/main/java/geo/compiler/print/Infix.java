package geo.compiler.print;

import geo.compiler.ir.Dag;
import geo.compiler.ir.Node;
import geo.compiler.ir.Op;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The infix writer shared by both printers: precedence-based parentheses, display of the
 * canonical forms ({@code a + (-1)·b} as {@code a - b}, {@code a·b^(-1)} as {@code a / b} or
 * {@code \frac}), and references to the lets of a {@link LetPlan}. The recursion depth is
 * bounded by the plan (at most {@link LetPlan#MAX_INLINE} or {@link LetPlan#MAX_TREE}).
 */
final class Infix {

    private static final int SUM = 1;
    private static final int PRODUCT = 2;
    private static final int POWER = 3;
    private static final int ATOM = 4;

    private static final Pattern GREEK = Pattern.compile("(?:alpha|beta|gamma|delta|epsilon|varepsilon|zeta|eta|"
            + "theta|vartheta|iota|kappa|lambda|mu|nu|xi|pi|rho|sigma|tau|upsilon|phi|varphi|chi|psi|omega|"
            + "Gamma|Delta|Theta|Lambda|Xi|Pi|Sigma|Upsilon|Phi|Psi|Omega)");
    private static final Pattern NAME = Pattern.compile("([A-Za-z]+)([0-9]*)(?:\\[([0-9, ]+)])?");

    /** A printed fragment and the precedence of its outermost operator. */
    private record Printed(String text, int prec) {
    }

    private final LetPlan plan;
    private final boolean latex;
    private final String prefix;

    Infix(LetPlan plan, boolean latex) {
        this.plan = plan;
        this.latex = latex;
        this.prefix = letPrefix(plan.dag);
    }

    /** The name of let number {@code k}. */
    String letName(int k) {
        return latex ? prefix + "_{" + k + "}" : prefix + k;
    }

    /** {@code n} printed in full (its own let name is not used, its children's are). */
    String define(Node n) {
        return expr(n, true).text();
    }

    /** {@code n} as it appears in an expression (its let name if it has one). */
    String reference(Node n) {
        return expr(n, false).text();
    }

    private Printed expr(Node n, boolean top) {
        if (!top && plan.isLet(n)) {
            return new Printed(letName(plan.number(n)), ATOM);
        }
        return switch (n.op()) {
            case CONST -> number(n.value());
            case SYM -> new Printed(latex ? latexName(n.symbol().name()) : n.symbol().name(), ATOM);
            case ADD -> sum(n);
            case MUL -> product(n, false);
            case POWI -> n.exponent() < 0 ? product(n, false)
                    : power(expr(n.child(0), false), number(n.exponent()));
            case POW -> power(expr(n.child(0), false), expr(n.child(1), false));
            default -> n.arity() == 2 ? binaryCall(n) : call(n.op(), expr(n.child(0), false).text());
        };
    }

    private Printed sum(Node n) {
        List<Node> order = new ArrayList<>();
        for (int i = 0; i < n.arity(); i++) {
            if (!negative(n.child(i))) {
                order.add(n.child(i));
            }
        }
        for (int i = 0; i < n.arity(); i++) {
            if (negative(n.child(i))) {
                order.add(n.child(i));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (Node t : order) {
            boolean neg = negative(t);
            Printed p = neg ? magnitude(t) : expr(t, false);
            if (sb.length() == 0) {
                sb.append(neg ? "-" + wrap(p, PRODUCT) : wrap(p, SUM));
            } else {
                sb.append(neg ? " - " : " + ").append(wrap(p, neg ? PRODUCT : SUM));
            }
        }
        return new Printed(sb.toString(), SUM);
    }

    /** True for a term shown after a minus sign: a negative constant or coefficient. */
    private boolean negative(Node t) {
        if (plan.isLet(t)) {
            return false;
        }
        if (t.isConstant()) {
            return t.value() < 0;
        }
        return t.op() == Op.MUL && t.child(0).isConstant() && t.child(0).value() < 0;
    }

    /** |t| for a negative term. */
    private Printed magnitude(Node t) {
        return t.isConstant() ? number(-t.value()) : product(t, true);
    }

    /**
     * A product (or a lone integer power) as coefficient, numerator factors and denominator
     * factors (negative integer powers); {@code dropSign} prints |coefficient|.
     */
    private Printed product(Node n, boolean dropSign) {
        double coef = 1.0;
        List<Node> factors = new ArrayList<>();
        if (n.op() == Op.MUL) {
            for (int i = 0; i < n.arity(); i++) {
                if (i == 0 && n.child(0).isConstant()) {
                    coef = n.child(0).value();
                } else {
                    factors.add(n.child(i));
                }
            }
        } else {
            factors.add(n);
        }
        boolean neg = coef < 0 && !dropSign;
        double m = Math.abs(coef);
        List<Printed> num = new ArrayList<>();
        List<Printed> den = new ArrayList<>();
        if (m != 1.0) {
            num.add(number(m));
        }
        for (Node f : factors) {
            if (f.op() == Op.POWI && f.exponent() < 0 && (f == n || !plan.isLet(f))) {
                Printed base = expr(f.child(0), false);
                den.add(f.exponent() == -1 ? base : power(base, number(-f.exponent())));
            } else {
                num.add(expr(f, false));
            }
        }
        Printed body;
        if (den.isEmpty()) {
            body = num.size() == 1 ? num.get(0) : new Printed(join(num, POWER), PRODUCT);
        } else if (latex) {
            String top = num.isEmpty() ? "1" : num.size() == 1 ? num.get(0).text() : join(num, POWER);
            String bottom = den.size() == 1 ? den.get(0).text() : join(den, POWER);
            body = new Printed("\\frac{" + top + "}{" + bottom + "}", ATOM);
        } else {
            String top = num.isEmpty() ? "1" : num.size() == 1 ? wrap(num.get(0), PRODUCT) : join(num, POWER);
            String bottom = den.size() == 1 ? wrap(den.get(0), POWER) : "(" + join(den, POWER) + ")";
            body = new Printed(top + " / " + bottom, PRODUCT);
        }
        if (!neg) {
            return body;
        }
        return new Printed("-" + wrap(body, PRODUCT), PRODUCT);
    }

    /** Factors joined by the multiplication sign, each parenthesised below {@code min}. */
    private String join(List<Printed> parts, int min) {
        StringBuilder sb = new StringBuilder();
        for (Printed p : parts) {
            String s = wrap(p, min);
            if (sb.length() > 0) {
                if (!latex) {
                    sb.append('*');
                } else {
                    sb.append(Character.isDigit(s.charAt(0)) ? " \\cdot " : " ");
                }
            }
            sb.append(s);
        }
        return sb.toString();
    }

    private Printed power(Printed base, Printed exponent) {
        String b = wrap(base, ATOM);
        String text = latex ? b + "^{" + exponent.text() + "}" : b + "^" + wrap(exponent, ATOM);
        return new Printed(text, POWER);
    }

    /** f(a, b); a commutative function shows a constant operand last, max(x, 0), as people write it. */
    private Printed binaryCall(Node n) {
        int first = n.op().isCommutative() && n.child(0).isConstant() ? 1 : 0;
        return call(n.op(), expr(n.child(first), false).text() + ", " + expr(n.child(1 - first), false).text());
    }

    private Printed call(Op op, String arg) {
        if (!latex) {
            return new Printed(op.text() + "(" + arg + ")", ATOM);
        }
        return switch (op) {
            case SQRT -> new Printed("\\sqrt{" + arg + "}", ATOM);
            case ABS -> new Printed("\\left|" + arg + "\\right|", ATOM);
            default -> new Printed(op.latex() + "\\left(" + arg + "\\right)", ATOM);
        };
    }

    private String wrap(Printed p, int min) {
        if (p.prec() >= min) {
            return p.text();
        }
        return latex ? "\\left(" + p.text() + "\\right)" : "(" + p.text() + ")";
    }

    /** A constant: integers without a decimal point, others in shortest round-trip form. */
    private Printed number(double v) {
        if (v < 0) {
            return new Printed("-" + number(-v).text(), PRODUCT);
        }
        String s;
        if (Double.isNaN(v)) {
            s = latex ? "\\mathrm{NaN}" : "NaN";
        } else if (Double.isInfinite(v)) {
            s = latex ? "\\infty" : "Infinity";
        } else if (v == Math.rint(v) && v < 1e15) {
            s = Long.toString((long) v);
        } else {
            s = Double.toString(v).replace(".0E", "E");
            int e = s.indexOf('E');
            if (e >= 0) {
                String mantissa = s.substring(0, e);
                String exponent = s.substring(e + 1);
                s = latex ? mantissa + " \\cdot 10^{" + exponent + "}" : mantissa + "e" + exponent;
                return new Printed(s, latex ? PRODUCT : ATOM);
            }
        }
        return new Printed(s, ATOM);
    }

    /**
     * A symbol name in LaTeX: {@code x[0]} → {@code x_{0}}, {@code theta} → {@code \theta},
     * {@code W1[3,1]} → {@code {W_{1}}_{3,1}}; other multi-letter names in {@code \mathrm}.
     */
    static String latexName(String name) {
        var m = NAME.matcher(name);
        if (!m.matches()) {
            return "\\mathrm{" + name.replace("_", "\\_") + "}";
        }
        String letters = m.group(1);
        String digits = m.group(2);
        String index = m.group(3) == null ? "" : m.group(3).replace(" ", "");
        boolean greek = GREEK.matcher(letters).matches();
        if (!greek && letters.length() > 1) {
            String base = "\\mathrm{" + letters + digits + "}";
            return index.isEmpty() ? base : base + "_{" + index + "}";
        }
        String base = greek ? "\\" + letters : letters;
        if (!digits.isEmpty()) {
            base = base + "_{" + digits + "}";
            return index.isEmpty() ? base : "{" + base + "}_{" + index + "}";
        }
        return index.isEmpty() ? base : base + "_{" + index + "}";
    }

    /** A let prefix no symbol of the DAG could be confused with ({@code t} unless taken). */
    private static String letPrefix(Dag dag) {
        for (String candidate : new String[] {"t", "u", "w", "tmp"}) {
            Pattern clash = Pattern.compile(Pattern.quote(candidate) + "_?\\{?[0-9]+}?");
            boolean free = true;
            for (int i = 0; i < dag.size() && free; i++) {
                Node n = dag.node(i);
                free = !(n.isSymbol() && clash.matcher(n.symbol().name()).matches());
            }
            if (free) {
                return candidate;
            }
        }
        return "let" + Integer.toHexString(dag.size()).toUpperCase(Locale.ROOT) + "_";
    }
}
