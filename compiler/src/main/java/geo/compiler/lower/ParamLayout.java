package geo.compiler.lower;

import geo.compiler.ast.Decl;
import geo.runtime.api.ParameterInit;
import geo.runtime.api.ParameterInits;
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
    public record Entry(String name, Shape shape, int offset, Decl.Param decl, ParameterInit init) {

        /** How element {@code k} prints: {@code M}, {@code b[3]}, {@code W[2,1]}. */
        public String elementName(int k) {
            return Lowering.elementName(name, shape, k);
        }
    }

    public ParamLayout {
        entries = List.copyOf(entries);
    }

    /** Lays out {@code params} (declaration, shape, initialiser) one after another. */
    static ParamLayout of(List<Decl.Param> decls, List<Shape> shapes, List<ParameterInit> inits) {
        List<Entry> out = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i < decls.size(); i++) {
            out.add(new Entry(decls.get(i).name().text(), shapes.get(i), offset, decls.get(i), inits.get(i)));
            offset += shapes.get(i).size();
        }
        return new ParamLayout(Collections.unmodifiableList(out), offset);
    }

    /** The initialisers in layout order, with which the runtime draws θ₀ for any seed. */
    public ParameterInits initialisers() {
        List<ParameterInits.Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            out.add(new ParameterInits.Entry(e.offset(), e.shape().size(), e.init()));
        }
        return new ParameterInits(out);
    }

    /**
     * The default θ: each parameter's initialiser, random ones drawn in layout order from a
     * generator seeded with {@code seed}, so the same seed always gives the same θ
     * ({@link ParameterInits#draw}).
     */
    public double[] initialValues(long seed) {
        return initialisers().draw(seed);
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
