package geo.compiler.ad;

import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Symbol;

import java.util.HashMap;
import java.util.Map;

/**
 * Second derivatives by composing the two modes: forward over reverse. The gradient ∇y is built
 * once by {@link ReverseMode}; a Hessian–vector product is its JVP, Hv = D(∇y)[v], and a full
 * Hessian is n such JVPs along the unit directions. Intended for small n (the Hessian has n²
 * entries); use {@link #hvp} otherwise.
 */
public final class Higher {

    private Higher() {
    }

    /**
     * The Hessian–vector product (∇²y)·v with respect to {@code wrt}, {@code v} holding one node
     * (constant or symbolic) per symbol; other symbols are held fixed. Nothing is modified.
     */
    public static Node[] hvp(NodeFactory f, Node y, Symbol[] wrt, Node[] v) {
        return hvp(f, y, wrt, v, false);
    }

    /**
     * As {@link #hvp(NodeFactory, Node, Symbol[], Node[])}; when {@code shared}, the
     * {@link ForwardMode#sharedJvp} of {@link ReverseMode#sharedGradient} (the loss kernels'
     * gradient): forward over reverse with every product two values, so that its cost is a small
     * multiple of the gradient's and its layer products become loops.
     */
    public static Node[] hvp(NodeFactory f, Node y, Symbol[] wrt, Node[] v, boolean shared) {
        if (v.length != wrt.length) {
            throw new IllegalArgumentException(wrt.length + " symbols but " + v.length + " direction entries");
        }
        Node[] gradient = shared ? ReverseMode.sharedGradient(f, y, wrt) : ReverseMode.gradient(f, y, wrt);
        Map<Symbol, Node> direction = new HashMap<>();
        for (int k = 0; k < wrt.length; k++) {
            direction.merge(wrt[k], v[k], f::add);
        }
        return shared ? ForwardMode.sharedJvp(f, gradient, direction) : ForwardMode.jvp(f, gradient, direction);
    }

    /**
     * The full Hessian H[i][j] = ∂²y/∂sᵢ∂sⱼ, one forward sweep over the gradient per row.
     * Row i is the JVP of ∇y along eᵢ. Nothing is modified.
     */
    public static Node[][] hessian(NodeFactory f, Node y, Symbol... wrt) {
        Node[] gradient = ReverseMode.gradient(f, y, wrt);
        Node[][] h = new Node[wrt.length][];
        for (int i = 0; i < wrt.length; i++) {
            h[i] = ForwardMode.jvp(f, gradient, Map.of(wrt[i], f.one()));
        }
        return h;
    }
}
