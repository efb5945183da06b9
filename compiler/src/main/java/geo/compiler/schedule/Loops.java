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
 *
 * <p>Loops of one matrix are grouped: the dots that begin the sums of a layer's rows (a
 * {@link DotGroup}: W·h, or Wᵀδ) are computed together, before the first of the sums, into a
 * region of the work array the sums continue from; the output runs of an outer product δhᵀ are one
 * {@link OutputGroup}. A group of Wᵀδ runs over the matrix row by row, adding each row's products to
 * the running values of all columns (each column's sum still in its own order), so its additions
 * are independent of each other instead of one chain per column.
 */
public final class Loops {

    /** Runs shorter than this stay straight-line code (a loop costs about as much as 8 products). */
    public static final int MIN_LENGTH = 16;

    /** No loops: every kernel straight-line. */
    public static final Loops NONE = new Loops(Map.of(), List.of());

    /** A loop that is a step of its own in the schedule (it computes no value of a node). */
    public sealed interface Loop permits OutputRun, OutputGroup, DotGroup {
    }

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
    public record OutputRun(List<Node> members, Node factor, Vector vector, int arg, int first, int offset)
            implements Loop {
        public OutputRun {
            members = List.copyOf(members);
        }
    }

    /**
     * Output runs of one outer product: row r is {@code rows.get(r)}, written from
     * {@code rows.get(0).first() + r·rowStride}, with factor element r of {@code factors}; all rows
     * have the same vector, length, array and offset.
     */
    public record OutputGroup(List<OutputRun> rows, Vector factors, int rowStride) implements Loop {
        public OutputGroup {
            rows = List.copyOf(rows);
        }
    }

    /**
     * The dots that begin sums {@code sums} (row r: {@code sums.get(r)}), all of length
     * {@code length}, with one side {@code shared} by every row and the other strided, row r's
     * starting at {@code varying.first() + r·rowStride}; {@code sharedLeft} says which side of
     * the products is shared (it changes no bit: products commute, but the record keeps the DAG's
     * order). Computed into a region of the work array of one slot per row.
     */
    public record DotGroup(List<Node> sums, int length, Vector shared, Strided varying, int rowStride,
                           boolean sharedLeft) implements Loop {
        public DotGroup {
            sums = List.copyOf(sums);
        }
    }

    private final Map<Node, List<Dot>> dots;
    private final List<OutputRun> outputs;
    private final List<OutputGroup> outputGroups;
    private final List<DotGroup> dotGroups;
    private final List<Node> members = new ArrayList<>();
    private final Map<Node, Loop> memberOf = new IdentityHashMap<>();
    private final Map<Node, DotGroup> groupOf = new IdentityHashMap<>();
    private final Map<Node, Integer> rowOf = new IdentityHashMap<>();
    private final List<Block> blocks = new ArrayList<>();

    /** Loops without groups. */
    public Loops(Map<Node, List<Dot>> dots, List<OutputRun> outputs) {
        this(dots, outputs, List.of(), List.of());
    }

    /**
     * @param dots         the loops in each sum, by the sum's node, in operand order, not overlapping
     * @param outputs      the output loops not in a group; no node is a member of two loops
     * @param outputGroups the groups of output loops
     * @param dotGroups    the groups of dots; each sum's first dot (at operand 0) in at most one
     */
    public Loops(Map<Node, List<Dot>> dots, List<OutputRun> outputs, List<OutputGroup> outputGroups,
                 List<DotGroup> dotGroups) {
        this.dots = new IdentityHashMap<>(dots);
        this.outputs = List.copyOf(outputs);
        this.outputGroups = List.copyOf(outputGroups);
        this.dotGroups = List.copyOf(dotGroups);
        Map<Block, Boolean> seen = new IdentityHashMap<>();
        for (List<Dot> ds : dots.values()) {
            for (Dot d : ds) {
                addBlock(d.left(), seen);
                addBlock(d.right(), seen);
            }
        }
        for (OutputRun r : outputs) {
            addMembers(r, r, seen);
        }
        for (OutputGroup g : outputGroups) {
            addBlock(g.factors(), seen);
            for (OutputRun r : g.rows()) {
                addMembers(r, g, seen);
            }
        }
        for (DotGroup g : dotGroups) {
            for (int r = 0; r < g.sums().size(); r++) {
                Node sum = g.sums().get(r);
                if (groupOf.put(sum, g) != null || dots(sum).isEmpty() || dots(sum).get(0).start() != 0) {
                    throw new IllegalArgumentException("a grouped dot must begin its sum, in one group");
                }
                rowOf.put(sum, r);
            }
        }
    }

    private void addMembers(OutputRun r, Loop owner, Map<Block, Boolean> seen) {
        addBlock(r.vector(), seen);
        for (Node m : r.members()) {
            if (memberOf.put(m, owner) != null) {
                throw new IllegalArgumentException("a node is a member of two output loops");
            }
            members.add(m);
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

    /** The output loop or group that writes {@code n}, or null. */
    public Loop outputLoop(Node n) {
        return memberOf.get(n);
    }

    /** Every node an output loop or group writes. */
    public List<Node> outputMembers() {
        return members;
    }

    /** How many nodes {@code loop} (an output run or group) writes. */
    public static int memberCount(Loop loop) {
        if (loop instanceof OutputRun r) {
            return r.members().size();
        }
        int n = 0;
        for (OutputRun r : ((OutputGroup) loop).rows()) {
            n += r.members().size();
        }
        return n;
    }

    /** The dot group whose row {@link #rowOf} sum {@code n} is, or null. */
    public DotGroup dotGroup(Node n) {
        return groupOf.get(n);
    }

    /** The row of sum {@code n} in its {@link #dotGroup}. */
    public int rowOf(Node n) {
        return rowOf.get(n);
    }

    public List<OutputRun> outputs() {
        return outputs;
    }

    public List<OutputGroup> outputGroups() {
        return outputGroups;
    }

    public List<DotGroup> dotGroups() {
        return dotGroups;
    }

    /** Every block the loops read, each once, in a fixed order. */
    public List<Block> blocks() {
        return blocks;
    }

    public boolean isEmpty() {
        return dots.isEmpty() && outputs.isEmpty() && outputGroups.isEmpty();
    }
}
