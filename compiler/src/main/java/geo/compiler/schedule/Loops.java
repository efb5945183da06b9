package geo.compiler.schedule;

import geo.compiler.ir.Node;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loops a kernel is emitted with instead of straight-line code, where the scalar DAG repeats one
 * operation over vectors: a dense layer's W·h is 64 sums of 64 products θ[c + k]·hₖ, and its
 * gradient ∂ℓ/∂W = δ hᵀ is 4,096 outputs δᵢ·hⱼ. Unrolled, such a kernel is megabytes of code that
 * runs once per call, and the JIT and the instruction cache pay for every byte; as loops it is
 * what a programmer would write. A loop performs the straight-line code's operations in its order
 * (a sum's running value plus each product, left to right; each product of the same two factors),
 * so the results are the same bits.
 *
 * <p>A loop reads two kinds of {@link Vector}: a {@link Strided} run of an array argument (θ or
 * an input, at affine positions), or a {@link Block}: computed values that are also stored side
 * by side in the work array where they are computed.
 */
public final class Loops {

    /** Runs shorter than this stay straight-line code (a loop costs about as much as 8 products). */
    public static final int MIN_LENGTH = 16;

    /** No loops: every kernel straight-line. */
    public static final Loops NONE = new Loops(Map.of(), List.of());

    /** Element k of a vector a loop reads. */
    public sealed interface Vector permits Block, Strided {
    }

    /**
     * Computed values a loop reads as a vector: each is also stored to its element of a region of
     * the work array (placed by the emitter) when it is computed. Compared by identity.
     */
    public static final class Block implements Vector {
        private final List<Node> values;

        public Block(List<Node> values) {
            this.values = List.copyOf(values);
        }

        public List<Node> values() {
            return values;
        }
    }

    /**
     * Elements {@code first + stride·k} of array argument {@code arg} (plus the int argument
     * {@code offset} unless it is −1).
     */
    public record Strided(int arg, int first, int stride, int offset) implements Vector {
        public Strided {
            if (stride < 1 || first < 0) {
                throw new IllegalArgumentException("a strided vector needs first >= 0 and stride >= 1, got " + first
                        + ", " + stride);
            }
        }
    }

    /**
     * Operands {@code start} to {@code start + length − 1} of a sum, each the product of two
     * factors, computed as a loop that adds leftₖ·rightₖ to the running value.
     */
    public record Dot(int start, int length, Vector left, Vector right) {
    }

    /**
     * Consecutive outputs {@code out[offset + first + k] = factor·vectorₖ}, k &lt; members.size():
     * each member (a product used by nothing else) is written by one loop instead of computed as
     * a value.
     *
     * @param arg the output array argument
     */
    public record OutputRun(List<Node> members, Node factor, Vector vector, int arg, int first, int offset) {
        public OutputRun {
            members = List.copyOf(members);
        }
    }

    private final Map<Node, List<Dot>> dots;
    private final List<OutputRun> outputs;
    private final Map<Node, OutputRun> memberOf = new IdentityHashMap<>();
    private final List<Block> blocks = new ArrayList<>();

    /**
     * @param dots    the loops in each sum, by the sum's node, in operand order, not overlapping
     * @param outputs the output loops; no node is a member of two
     */
    public Loops(Map<Node, List<Dot>> dots, List<OutputRun> outputs) {
        this.dots = new IdentityHashMap<>(dots);
        this.outputs = List.copyOf(outputs);
        Map<Block, Boolean> seen = new IdentityHashMap<>();
        for (List<Dot> ds : dots.values()) {
            for (Dot d : ds) {
                addBlock(d.left(), seen);
                addBlock(d.right(), seen);
            }
        }
        for (OutputRun r : outputs) {
            addBlock(r.vector(), seen);
            for (Node m : r.members()) {
                if (memberOf.put(m, r) != null) {
                    throw new IllegalArgumentException("a node is a member of two output loops");
                }
            }
        }
    }

    private void addBlock(Vector v, Map<Block, Boolean> seen) {
        if (v instanceof Block b && seen.put(b, true) == null) {
            blocks.add(b);
        }
    }

    /** The loops among the operands of sum {@code n}, in operand order (none for other nodes). */
    public List<Dot> dots(Node n) {
        return dots.getOrDefault(n, List.of());
    }

    /** The output loop that writes {@code n}, or null. */
    public OutputRun outputRun(Node n) {
        return memberOf.get(n);
    }

    public List<OutputRun> outputs() {
        return outputs;
    }

    /** Every block the loops read, each once, in a fixed order. */
    public List<Block> blocks() {
        return blocks;
    }

    public boolean isEmpty() {
        return dots.isEmpty() && outputs.isEmpty();
    }
}
