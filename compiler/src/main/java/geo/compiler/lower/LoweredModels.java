package geo.compiler.lower;

import geo.compiler.check.CheckedProgram;
import geo.compiler.ir.NodeFactory;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The manifolds an earlier stage lowered, handed to the next stage so that a command lowers each
 * manifold once: {@code geo check}, {@code show}, {@code compile} and the solvers all run the
 * front end ({@code Frontend}), whose sanity checks lower every manifold, and then
 * {@code show} or the compiler, which used to lower it again.
 *
 * <p>A {@link LoweredModel} is immutable, but its nodes belong to a {@link NodeFactory}, which the
 * next stage extends with its derivations. So an entry is reused only (1) once, by the first
 * stage that {@linkplain #lower asks} for it, and (2) when its factory holds exactly the nodes
 * lowering made — the metric sanity checks only read them, while the Lagrangian ones derive
 * ∂²L/∂v² into the factory. The reused pair is then in the state a fresh
 * {@code Lowering.lowerModel} into a fresh factory gives (lowering is deterministic), so the
 * later stage's output, node numbers included, is the same bit for bit; otherwise the model is
 * lowered afresh, as before.
 */
public final class LoweredModels {

    /** A lowered manifold and the factory that holds its nodes; {@code reused} when the earlier stage's. */
    public record Lowered(LoweredModel model, NodeFactory factory, boolean reused) {
    }

    private record Entry(LoweredModel model, NodeFactory factory, int size) {
    }

    private final Map<CheckedProgram.Model, Entry> entries = new IdentityHashMap<>();

    /** An empty set: every {@link #lower} lowers afresh. */
    public LoweredModels() {
    }

    /** Offers {@code model}'s lowering, made into {@code factory}, to the next stage (call right after lowering). */
    public synchronized void offer(CheckedProgram.Model model, LoweredModel lowered, NodeFactory factory) {
        entries.put(model, new Entry(lowered, factory, factory.size()));
    }

    /**
     * {@code model} of {@code program} lowered: the offered lowering if it is untouched and not
     * taken yet, else {@code Lowering.lowerModel(program, model, new NodeFactory())}.
     *
     * @throws geo.compiler.ir.NodeBudgetException when lowering afresh exceeds the node budget
     */
    public Lowered lower(CheckedProgram program, CheckedProgram.Model model) {
        Entry e;
        synchronized (this) {
            e = entries.remove(model);
        }
        if (e != null && e.factory().size() == e.size()) {
            return new Lowered(e.model(), e.factory(), true);
        }
        NodeFactory f = new NodeFactory();
        return new Lowered(Lowering.lowerModel(program, model, f), f, false);
    }
}
