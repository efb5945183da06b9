package geo.compiler.lower;

import geo.compiler.ast.Decl;
import geo.compiler.check.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where each parameter of a model lives in the flat parameter vector θ: parameters in the order
 * the model lists them, each row-major. A compiled model takes θ as one {@code double[]}.
 *
 * @param entries the parameters with their offsets
 * @param size    the length of θ
 */
public record ParamLayout(List<Entry> entries, int size) {

    /** One parameter: its elements are θ[offset], ..., θ[offset + shape.size() - 1]. */
    public record Entry(String name, Shape shape, int offset, Decl.Param decl) {

        /** How element {@code k} prints: {@code M}, {@code b[3]}, {@code W[2,1]}. */
        public String elementName(int k) {
            if (shape.isScalar()) {
                return name;
            }
            if (shape.isVector()) {
                return name + "[" + k + "]";
            }
            return name + "[" + (k / shape.cols()) + "," + (k % shape.cols()) + "]";
        }
    }

    public ParamLayout {
        entries = List.copyOf(entries);
    }

    /** Lays out {@code params} (name, shape, declaration) one after another. */
    static ParamLayout of(List<Decl.Param> decls, List<Shape> shapes) {
        List<Entry> out = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < decls.size(); i++) {
            out.add(new Entry(decls.get(i).name().text(), shapes.get(i), offset, decls.get(i)));
            offset += shapes.get(i).size();
        }
        return new ParamLayout(Collections.unmodifiableList(out), offset);
    }

    /** The entry called {@code name}, or null. */
    public Entry entry(String name) {
        for (Entry e : entries) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
