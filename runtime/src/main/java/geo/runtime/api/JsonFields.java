package geo.runtime.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed reading of one JSON object parsed by {@link Json#parse}: each accessor checks the field's
 * presence, type and range and otherwise throws an {@link IllegalArgumentException} that names the
 * field by its path from the document's root (for example
 * {@code models[0].descriptor.parameters[1].shape[0] must be an integer in [0, 1000000], got -3}),
 * so that a malformed file gives a message instead of a NullPointerException or
 * ClassCastException. Callers prefix the file's name.
 */
public final class JsonFields {

    private final Map<?, ?> map;
    private final String path;

    private JsonFields(Map<?, ?> map, String path) {
        this.map = map;
        this.path = path;
    }

    /**
     * {@code value} as an object whose fields are reported under {@code path} (empty for the
     * document's root).
     */
    public static JsonFields of(Object value, String path) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException((path.isEmpty() ? "the document" : path) + " must be an object, got "
                    + describe(value));
        }
        return new JsonFields(m, path);
    }

    /** Where this object is, from the document's root. */
    public String path() {
        return path;
    }

    /** The path of field {@code key} of this object. */
    public String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The field names, in the document's order. */
    public List<String> keys() {
        List<String> out = new ArrayList<>();
        for (Object k : map.keySet()) {
            out.add(String.valueOf(k));
        }
        return out;
    }

    public boolean has(String key) {
        return map.containsKey(key);
    }

    /** The field's raw value; absent fields are an error. */
    public Object get(String key) {
        if (!map.containsKey(key)) {
            throw new IllegalArgumentException((path.isEmpty() ? "the document" : path) + " lacks the field '" + key
                    + "'");
        }
        return map.get(key);
    }

    public String string(String key) {
        return string(get(key), path(key));
    }

    /** A number that is an integer in [min, max] (JSON has only doubles: 3.0 is the integer 3). */
    public int integer(String key, int min, int max) {
        return integer(get(key), path(key), min, max);
    }

    /** A finite number. */
    public double number(String key) {
        return number(get(key), path(key));
    }

    /** A JSON true or false. */
    public boolean bool(String key) {
        Object v = get(key);
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException(path(key) + " must be true or false, got " + describe(v));
        }
        return b;
    }

    public JsonFields object(String key) {
        return of(get(key), path(key));
    }

    /** An array of at most {@code maxLength} elements. */
    public List<?> array(String key, int maxLength) {
        return array(get(key), path(key), maxLength);
    }

    /** An array of at most {@code maxLength} strings. */
    public List<String> strings(String key, int maxLength) {
        List<?> l = array(key, maxLength);
        List<String> out = new ArrayList<>(l.size());
        for (int i = 0; i < l.size(); i++) {
            out.add(string(l.get(i), path(key) + "[" + i + "]"));
        }
        return out;
    }

    /** An array of at most {@code maxLength} finite numbers. */
    public List<Double> numbers(String key, int maxLength) {
        List<?> l = array(key, maxLength);
        List<Double> out = new ArrayList<>(l.size());
        for (int i = 0; i < l.size(); i++) {
            out.add(number(l.get(i), path(key) + "[" + i + "]"));
        }
        return out;
    }

    /** Element {@code i} of {@code array} (found at {@code arrayPath}) as an object. */
    public static JsonFields element(List<?> array, String arrayPath, int i) {
        return of(array.get(i), arrayPath + "[" + i + "]");
    }

    public static String string(Object value, String path) {
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException(path + " must be a string, got " + describe(value));
        }
        return s;
    }

    public static int integer(Object value, String path, int min, int max) {
        if (!(value instanceof Number n) || !(n.doubleValue() == Math.rint(n.doubleValue()))
                || n.doubleValue() < min || n.doubleValue() > max) {
            throw new IllegalArgumentException(path + " must be an integer in [" + min + ", " + max + "], got "
                    + describe(value));
        }
        return (int) n.doubleValue();
    }

    public static double number(Object value, String path) {
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new IllegalArgumentException(path + " must be a finite number, got " + describe(value));
        }
        return n.doubleValue();
    }

    public static List<?> array(Object value, String path, int maxLength) {
        if (!(value instanceof List<?> l)) {
            throw new IllegalArgumentException(path + " must be an array, got " + describe(value));
        }
        if (l.size() > maxLength) {
            throw new IllegalArgumentException(path + " has " + l.size() + " elements; at most " + maxLength
                    + " are allowed");
        }
        return l;
    }

    /** A short description of a JSON value for messages: its type, and its text when short. */
    public static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof List<?> l) {
            return "an array of " + l.size();
        }
        if (value instanceof String s) {
            return "the string " + Json.quote(s.length() > 40 ? s.substring(0, 40) + "…" : s);
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }
}
