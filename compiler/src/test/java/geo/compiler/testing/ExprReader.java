package geo.compiler.testing;

import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Op;
import geo.compiler.ir.Symbol;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test-only reader of scalar infix expressions, building IR through a factory: numbers, names
 * (each a loss INPUT symbol, slots in order of first appearance), {@code + - * / ^}, unary
 * minus, parentheses and calls of the functions of {@link Op} ({@code max(a, b)} for the binary ones). {@code ^} binds tighter
 * than unary minus and associates to the right: {@code -x^2 = -(x^2)}, {@code 2^3^2 = 2^9}.
 */
public final class ExprReader {

    private final NodeFactory f;
    private final Map<String, Symbol> symbols = new LinkedHashMap<>();
    private String s;
    private int pos;

    /** A reader building into {@code f}; names keep their symbols across {@link #read} calls. */
    public ExprReader(NodeFactory f) {
        this.f = f;
    }

    /** Parses {@code text}. */
    public Node read(String text) {
        s = text;
        pos = 0;
        Node n = sum();
        skip();
        if (pos != s.length()) {
            throw error("unexpected '" + s.charAt(pos) + "'");
        }
        return n;
    }

    /** The INPUT symbol for {@code name} (allocating the next slot if new). */
    public Symbol symbol(String name) {
        return symbols.computeIfAbsent(name, k -> Symbol.input(k, symbols.size()));
    }

    /** All symbols read so far, by name, in slot order. */
    public Map<String, Symbol> symbols() {
        return Map.copyOf(symbols);
    }

    private Node sum() {
        Node left = product();
        while (true) {
            if (eat('+')) {
                left = f.add(left, product());
            } else if (eat('-')) {
                left = f.sub(left, product());
            } else {
                return left;
            }
        }
    }

    private Node product() {
        Node left = unary();
        while (true) {
            if (eat('*')) {
                left = f.mul(left, unary());
            } else if (eat('/')) {
                left = f.div(left, unary());
            } else {
                return left;
            }
        }
    }

    private Node unary() {
        return eat('-') ? f.neg(unary()) : power();
    }

    private Node power() {
        Node base = atom();
        return eat('^') ? f.pow(base, unary()) : base;
    }

    private Node atom() {
        skip();
        if (eat('(')) {
            Node n = sum();
            expect(')');
            return n;
        }
        int start = pos;
        if (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
            while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                pos++;
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '-' || s.charAt(pos) == '+')) {
                    pos++;
                }
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
            }
            return f.constant(Double.parseDouble(s.substring(start, pos)));
        }
        while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos) {
            throw error(pos < s.length() ? "unexpected '" + s.charAt(pos) + "'" : "unexpected end");
        }
        String name = s.substring(start, pos);
        if (eat('(')) {
            Op op = Op.function(name);
            if (op == null) {
                throw error("unknown function " + name);
            }
            Node arg = sum();
            if (op.isBinaryFunction()) {
                expect(',');
                Node second = sum();
                expect(')');
                return f.binary(op, arg, second);
            }
            expect(')');
            return f.unary(op, arg);
        }
        return f.symbol(symbol(name));
    }

    private boolean eat(char c) {
        skip();
        if (pos < s.length() && s.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!eat(c)) {
            throw error("expected '" + c + "'");
        }
    }

    private void skip() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(message + " at column " + (pos + 1) + " of: " + s);
    }
}
