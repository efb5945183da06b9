package geo.compiler.simplify;

import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;

/**
 * A named local rewrite, applied by {@link Simplifier} to every node bottom-up (children are
 * already rewritten when a node is visited). Implementations are stateless.
 */
public interface Pass {

    /** Short name for reports, e.g. {@code collect-like-terms}. */
    String name();

    /**
     * The replacement for {@code node} (canonical, children already rewritten), or {@code node}
     * itself when the rule does not apply. Builds only through {@code f}; modifies nothing.
     */
    Node rewrite(NodeFactory f, Node node);
}
