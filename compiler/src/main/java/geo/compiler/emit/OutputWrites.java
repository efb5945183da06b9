package geo.compiler.emit;

import geo.compiler.ir.Node;
import geo.compiler.schedule.Loops;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a kernel's outputs are written: computed values stored to their outputs as soon as they
 * are computed, and the remaining writes (constants, symbols, fills, further copies of a value)
 * that {@link MethodEmitter} emits after the schedule. A pure function of the kernel's outputs
 * and its loops; nothing is modified but the two collections {@link #plan} is given to fill.
 */
final class OutputWrites {

    /** Runs of at least this many equal constants in an output are written by {@code Arrays.fill}. */
    static final int FILL_RUN = 8;
    /** A computed value is stored to at most this many outputs where it is computed (see {@link #plan}). */
    static final int DIRECT_STORES = 16;

    private OutputWrites() {
    }

    /**
     * A write of a constant or a symbol to an output: element {@code element} (plus the offset
     * argument unless −1) of array argument {@code arg}; {@code count} > 1 fills that many
     * elements with the constant.
     */
    record Write(int arg, int element, int offset, Node value, int count) {
        /** Estimated bytes: array, index(es), value (a work-array load for a computed one), store or call. */
        int bytes() {
            return count > 1 ? 20 : value.isConstant() ? 12 : 16;
        }
    }

    /**
     * The output writes of {@code spec}: fills {@code stores}, for each computed output node, with the (argument, element, offset
     * argument) triples it is stored to as soon as it is computed (at most
     * {@link #DIRECT_STORES}), and {@code direct} with the node of each such store, in output
     * order; returns the other writes, in output order: constants and
     * symbols (runs of at least {@link #FILL_RUN} equal constants, bit for bit, as one fill: 0.0
     * is not −0.0), and the further outputs of a value stored more often than that (the
     * diagonal of λ²·I, say), which the write methods read from the work array.
     */
    static List<Write> plan(KernelSpec spec, Loops loops, Map<Node, List<int[]>> stores, List<Node> direct) {
        List<Write> writes = new ArrayList<>();
        for (KernelSpec.Output o : spec.outputs()) {
            Node[] values = o.values();
            for (int k = 0; k < values.length; ) {
                Node v = values[k];
                if (loops.outputLoop(v) != null) {
                    k++;
                    continue;
                }
                if (!v.isConstant() && !v.isSymbol()) {
                    List<int[]> targets = stores.computeIfAbsent(v, x -> new ArrayList<>());
                    if (targets.size() < DIRECT_STORES) {
                        targets.add(new int[] {o.arg(), o.start() + k, o.offset()});
                        direct.add(v);
                    } else {
                        writes.add(new Write(o.arg(), o.start() + k, o.offset(), v, 1));
                    }
                    k++;
                    continue;
                }
                int run = 1;
                if (v.isConstant()) {
                    long bits = Double.doubleToRawLongBits(v.value());
                    while (k + run < values.length && values[k + run].isConstant()
                            && Double.doubleToRawLongBits(values[k + run].value()) == bits) {
                        run++;
                    }
                }
                if (run >= FILL_RUN) {
                    writes.add(new Write(o.arg(), o.start() + k, o.offset(), v, run));
                } else {
                    for (int j = 0; j < run; j++) {
                        writes.add(new Write(o.arg(), o.start() + k + j, o.offset(), values[k + j], 1));
                    }
                }
                k += run;
            }
        }
        return writes;
    }
}
