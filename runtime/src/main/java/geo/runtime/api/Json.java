package geo.runtime.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON reader and writer for model descriptors and parameter files: objects (as
 * {@link Map}), arrays ({@link List}), strings, numbers ({@link Double}), booleans and null.
 * The runtime depends on no JSON library, so model jars load with only the runtime.
 */
public final class Json {

    /**
     * The deepest nesting of arrays and objects read: the reader is recursive, and a document
     * nested deeper (thousands of '[') would otherwise end in a StackOverflowError.
     */
    public static final int MAX_DEPTH = 256;

    private final String text;
    private int at;
    private int depth;

    private Json(String text) {
        this.text = text;
    }

    /** Parses one JSON value; throws {@link IllegalArgumentException} with the position on bad input. */
    public static Object parse(String text) {
        Json p = new Json(text);
        Object value = p.value();
        p.space();
        if (p.at != text.length()) {
            throw p.error("unexpected text after the value");
        }
        return value;
    }

    /**
     * Writes a value built of maps (objects, in their iteration order), lists and
     * {@code double[]} (arrays), strings, numbers, booleans and null, on one line. Doubles are
     * written with {@link Double#toString}, which reads back exactly; NaN and the infinities,
     * which JSON lacks, as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, -1);
        return out.toString();
    }

    /**
     * The same document indented by two spaces per level, with arrays of scalars kept on one line,
     * so documents diff well. No trailing newline.
     */
    public static String writePretty(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, 0);
        return out.toString();
    }

    /**
     * {@code s} as a JSON string literal, quotes included: quote, backslash and every control
     * character are escaped, and U+2028/U+2029 too so the output is also valid JavaScript.
     */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"').toString();
    }

    /** Writes {@code value}; {@code indent} is the nesting level, or −1 for one line. */
    private static void write(StringBuilder out, Object value, int indent) {
        if (value instanceof double[] a) {
            List<Object> boxed = new ArrayList<>(a.length);
            for (double x : a) {
                boxed.add(x);
            }
            value = boxed;
        }
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            out.append(indent < 0 ? "{" : "{\n");
            int k = 0;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                pad(out, indent + 1);
                out.append(quote(String.valueOf(e.getKey()))).append(indent < 0 ? ":" : ": ");
                write(out, e.getValue(), indent < 0 ? -1 : indent + 1);
                out.append(++k < map.size() ? (indent < 0 ? "," : ",\n") : (indent < 0 ? "" : "\n"));
            }
            pad(out, indent);
            out.append('}');
        } else if (value instanceof List<?> list) {
            boolean flat = indent < 0 || list.stream().noneMatch(v -> v instanceof Map || v instanceof List);
            if (flat) {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    out.append(i == 0 ? "" : indent < 0 ? "," : ", ");
                    write(out, list.get(i), indent);
                }
                out.append(']');
                return;
            }
            out.append("[\n");
            for (int i = 0; i < list.size(); i++) {
                pad(out, indent + 1);
                write(out, list.get(i), indent + 1);
                out.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            pad(out, indent);
            out.append(']');
        } else {
            out.append(scalar(value));
        }
    }

    private static String scalar(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? Double.toString(d) : quote(Double.toString(d));
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return value.toString();
        }
        throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }

    private static void pad(StringBuilder out, int indent) {
        if (indent > 0) {
            out.append("  ".repeat(indent));
        }
    }

    private Object value() {
        space();
        if (at >= text.length()) {
            throw error("unexpected end of input");
        }
        char c = text.charAt(at);
        if ((c == '{' || c == '[') && depth >= MAX_DEPTH) {
            throw error("arrays and objects nested more than " + MAX_DEPTH + " deep");
        }
        switch (c) {
            case '{': return nested(true);
            case '[': return nested(false);
            case '"': return string();
            case 't': return literal("true", Boolean.TRUE);
            case 'f': return literal("false", Boolean.FALSE);
            case 'n': return literal("null", null);
            default: return number();
        }
    }

    private Object nested(boolean object) {
        depth++;
        Object value = object ? object() : array();
        depth--;
        return value;
    }

    private Map<String, Object> object() {
        Map<String, Object> out = new LinkedHashMap<>();
        at++;
        space();
        if (peek('}')) {
            at++;
            return out;
        }
        while (true) {
            space();
            if (!peek('"')) {
                throw error("expected a string key");
            }
            String key = string();
            space();
            expect(':');
            out.put(key, value());
            space();
            if (peek(',')) {
                at++;
            } else {
                expect('}');
                return out;
            }
        }
    }

    private List<Object> array() {
        List<Object> out = new ArrayList<>();
        at++;
        space();
        if (peek(']')) {
            at++;
            return out;
        }
        while (true) {
            out.add(value());
            space();
            if (peek(',')) {
                at++;
            } else {
                expect(']');
                return out;
            }
        }
    }

    private String string() {
        StringBuilder out = new StringBuilder();
        at++;
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                if (at >= text.length()) {
                    break;
                }
                char e = text.charAt(at++);
                switch (e) {
                    case 'n': out.append('\n'); break;
                    case 'r': out.append('\r'); break;
                    case 't': out.append('\t'); break;
                    case 'b': out.append('\b'); break;
                    case 'f': out.append('\f'); break;
                    case 'u':
                        if (at + 4 > text.length()) {
                            throw error("bad \\u escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        } catch (NumberFormatException bad) {
                            throw error("bad \\u escape");
                        }
                        at += 4;
                        break;
                    default: out.append(e);
                }
            } else {
                out.append(c);
            }
        }
        throw error("unterminated string");
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw error("unexpected character");
        }
        at += word.length();
        return value;
    }

    private Double number() {
        int start = at;
        while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        if (start == at) {
            throw error("unexpected character '" + text.charAt(at) + "'");
        }
        Double value;
        try {
            value = Double.valueOf(text.substring(start, at));
        } catch (NumberFormatException e) {
            throw error("malformed number '" + text.substring(start, at) + "'");
        }
        // Double.valueOf rounds 1e999 to Infinity; JSON numbers are finite, and so must be θ.
        if (value.isInfinite()) {
            throw error("number '" + text.substring(start, at) + "' is too large for a double (at most "
                    + Double.MAX_VALUE + ")");
        }
        return value;
    }

    private void space() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
        at++;
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException("JSON at offset " + at + ": " + message);
    }
}
