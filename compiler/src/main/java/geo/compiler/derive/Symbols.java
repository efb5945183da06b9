package geo.compiler.derive;

import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Symbol;
import geo.compiler.lower.LoweredModel;
import geo.compiler.lower.ParamLayout;
import java.util.List;

/** The symbols of a lowered model as arrays, in the order kernels take them. */
public final class Symbols {

    private Symbols() {
    }

    public static Symbol[] coordinates(LoweredModel m) {
        return m.coordinates().toArray(new Symbol[0]);
    }

    public static Symbol[] velocities(LoweredModel m) {
        return m.velocities().toArray(new Symbol[0]);
    }

    /** The PARAM symbols θ_0 ... θ_{P-1}, named as the lowering names them. */
    public static Symbol[] params(ParamLayout layout) {
        Symbol[] out = new Symbol[layout.size()];
        for (ParamLayout.Entry e : layout.entries()) {
            for (int k = 0; k < e.shape().size(); k++) {
                out[e.offset() + k] = Symbol.param(e.elementName(k), e.offset() + k);
            }
        }
        return out;
    }

    /** INPUT symbols {@code name[0..n-1]} at slots {@code offset ...}: tangents and cotangents of kernels. */
    public static Symbol[] inputs(String name, int offset, int n) {
        Symbol[] out = new Symbol[n];
        for (int i = 0; i < n; i++) {
            out[i] = Symbol.input(name + "[" + i + "]", offset + i);
        }
        return out;
    }

    public static Node[] nodes(NodeFactory f, Symbol[] symbols) {
        Node[] out = new Node[symbols.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.symbol(symbols[i]);
        }
        return out;
    }

    public static Node[] nodes(NodeFactory f, List<Symbol> symbols) {
        return nodes(f, symbols.toArray(new Symbol[0]));
    }

    /** Concatenation of symbol arrays. */
    public static Symbol[] concat(Symbol[]... parts) {
        int n = 0;
        for (Symbol[] p : parts) {
            n += p.length;
        }
        Symbol[] out = new Symbol[n];
        int at = 0;
        for (Symbol[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
