package geo.compiler.emit;

import geo.compiler.ir.MathCall;
import geo.compiler.ir.Node;
import geo.compiler.ir.Op;
import geo.compiler.ir.Symbol;
import geo.compiler.schedule.Operand;
import geo.compiler.schedule.Schedule;
import geo.compiler.schedule.Step;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;

/**
 * Emits the batch variant of a small straight-line kernel: the same values for n points at
 * once in structure-of-arrays layout (element i of a per-point array for point b at
 * {@code i·n + b}), as {@code geo.runtime.api.BatchStepKernels} describes. Per-point arrays are
 * the array arguments that do not read θ (inputs and outputs alike); θ and scalar arguments are
 * shared by the batch. The method takes an {@code int n} before its first array argument.
 *
 * <p>The body is two counted loops over the points. The first, entered only when
 * {@code geo.runtime.lanes.LaneSupport.available()}, computes {@code Lanes.LENGTH} points per
 * iteration: the per-point schedule with every value a {@code DoubleVector} (arithmetic by
 * {@code DoubleVector}'s own methods, which C2 inlines by force — through small static wrappers
 * it stopped at its node cutoff, {@code NodeCountInliningCutoff}, and boxed the rest, 3× slower —
 * with a {@code checkcast} to {@code Vector} on each operand so that the class verifies without
 * the incubator module; each library function by the scalar {@code Math} call on every lane of a
 * spilled vector). It calls the schedule's segments — static methods {@code name$bk} of at most
 * {@link #SEGMENT_VALUES} values (one for the Poincaré step) — in turn, values read by a later
 * segment passing through a work array of {@code LENGTH} lanes per slot, to bound C2's nodes
 * per compiled method for larger kernels. The second loop
 * computes the remaining points one at a time with scalar bytecode. Both perform the per-point
 * kernel's operations in its order (sums and products left to right, integer powers by the same
 * multiplications), so every point gets the bits of the per-point kernel, and the per-point
 * kernel's tests against the interpreter carry over.
 *
 * <p>Only kernels without returned value, offsets or loops ({@link LoopFinder}) are batched, and
 * only small ones (the caller checks {@link #fits}).
 */
final class BatchEmitter implements Opcodes {

    static final String LANES = "geo/runtime/lanes/Lanes";
    static final String SUPPORT = "geo/runtime/lanes/LaneSupport";
    static final String DOUBLE_VECTOR = "jdk/incubator/vector/DoubleVector";
    static final String VECTOR = "L" + DOUBLE_VECTOR + ";";
    static final String VECTOR_BASE = "jdk/incubator/vector/Vector";
    static final String SPECIES = "Ljdk/incubator/vector/VectorSpecies;";
    /** {@code DoubleVector.fromArray(VectorSpecies, double[], int)}. */
    static final String FROM_ARRAY = "(" + SPECIES + "[DI)" + VECTOR;
    /** The suffix of a batch kernel's name: {@code rk4Step} → {@code rk4StepBatch}. */
    static final String SUFFIX = "Batch";
    /**
     * Kernels with more scheduled values than this are not batched: beyond a few hundred values
     * the per-point kernel's share of a step's cost is what it is, and compile time grows.
     */
    static final int MAX_VALUES = 600;
    /** The most values of one vector segment (measured: see the class comment). */
    static final int SEGMENT_VALUES = 400;

    private final KernelSpec spec;
    private final String owner;
    private final boolean[] perPoint;
    private final int firstArray;
    private final Schedule whole;
    private final Schedule parts;

    private BatchEmitter(KernelSpec spec, String owner) {
        this.spec = spec;
        this.owner = owner;
        int count = spec.args().size();
        perPoint = new boolean[count];
        for (int i = 0; i < count; i++) {
            KernelSpec.Arg a = spec.args().get(i);
            perPoint[i] = a.array() && a.reads() != Symbol.Kind.PARAM;
        }
        firstArray = firstArray(spec);
        whole = Schedule.of(new Node[0], outputs(spec), Integer.MAX_VALUE, 0);
        parts = parts(spec, whole.segments().get(0).size());
    }

    /**
     * The vector segments: as few as give each at most {@link #SEGMENT_VALUES} values, by the
     * smallest byte budget that gives that many (a binary search over budgets; the schedule's
     * cost estimate is in scalar bytes).
     */
    private static Schedule parts(KernelSpec spec, int values) {
        int target = Math.max(1, (values + SEGMENT_VALUES - 1) / SEGMENT_VALUES);
        if (target == 1) {
            return Schedule.of(new Node[0], outputs(spec), Integer.MAX_VALUE, 0);
        }
        int lo = 200;
        int hi = 1 << 20;
        Schedule best = Schedule.of(new Node[0], outputs(spec), hi, 0);
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            Schedule s = Schedule.of(new Node[0], outputs(spec), mid, 0);
            if (s.segments().size() <= target) {
                best = s;
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return best;
    }

    private static int firstArray(KernelSpec spec) {
        for (int i = 0; i < spec.args().size(); i++) {
            if (spec.args().get(i).array()) {
                return i;
            }
        }
        throw new IllegalArgumentException("kernel " + spec.name() + " has no array argument to batch");
    }

    /**
     * Whether {@code spec} can be batched: no offset arguments, no returned value, no loops, at
     * most {@link #MAX_VALUES} scheduled values, and every method under HotSpot's 8,000-byte JIT
     * limit (the main method holds the whole kernel as scalar code for the remaining points).
     */
    static boolean fits(KernelSpec spec) {
        if (spec.returned() != null || spec.outputs().isEmpty() || !LoopFinder.find(spec).isEmpty()) {
            return false;
        }
        for (KernelSpec.Arg a : spec.args()) {
            if (a.integer()) {
                return false;
            }
        }
        for (KernelSpec.Output o : spec.outputs()) {
            if (o.offset() >= 0 || o.start() != 0) {
                return false;
            }
        }
        Schedule s = Schedule.of(new Node[0], outputs(spec), Integer.MAX_VALUE, 0);
        if (s.segments().get(0).size() > MAX_VALUES) {
            return false;
        }
        for (MethodNode m : emit(spec, "geo/models/Probe")) {
            if (MethodEmitter.size(m) >= MethodEmitter.HUGE_METHOD_LIMIT) {
                return false;
            }
        }
        return true;
    }

    /** The JVM descriptor of the batch kernel of {@code spec}: its own with {@code int n} before the first array. */
    static String descriptor(KernelSpec spec) {
        int at = firstArray(spec);
        StringBuilder d = new StringBuilder("(");
        for (int i = 0; i < spec.args().size(); i++) {
            if (i == at) {
                d.append('I');
            }
            d.append(spec.args().get(i).type());
        }
        return d.append(")V").toString();
    }

    /**
     * The batch kernel of {@code spec}, named {@code spec.name() + "Batch"}, then its segment
     * methods, for the class {@code owner} (internal name).
     */
    static List<MethodNode> emit(KernelSpec spec, String owner) {
        return new BatchEmitter(spec, owner).methods();
    }

    private static Node[] outputs(KernelSpec spec) {
        List<Node> kept = new ArrayList<>();
        for (KernelSpec.Output o : spec.outputs()) {
            for (Node v : o.values()) {
                if (!v.isConstant() && !v.isSymbol()) {
                    kept.add(v);
                }
            }
        }
        return kept.toArray(Node[]::new);
    }

    private String segmentDescriptor() {
        StringBuilder d = new StringBuilder("(II");
        for (KernelSpec.Arg a : spec.args()) {
            d.append(a.type());
        }
        return d.append("[D[D)V").toString();
    }

    private List<MethodNode> methods() {
        List<MethodNode> out = new ArrayList<>();
        String name = spec.name() + SUFFIX;
        MethodNode m = new MethodNode(ACC_PUBLIC | ACC_FINAL, name, descriptor(spec), null, null);
        out.add(m);
        m.visitCode();
        line(m);
        // Locals: this, the arguments with n before the first array, b, LENGTH, work, scratch, then values.
        int count = spec.args().size();
        int[] argSlot = new int[count];
        int slot = 1;
        int nSlot = -1;
        for (int i = 0; i < count; i++) {
            if (i == firstArray) {
                nSlot = slot++;
            }
            argSlot[i] = slot;
            KernelSpec.Arg a = spec.args().get(i);
            slot += a.array() || a.integer() ? 1 : 2;
        }
        int bSlot = slot++;
        int lengthSlot = slot++;
        int workSlot = slot++;
        int scratchSlot = slot++;
        int base = slot;
        m.visitInsn(ICONST_0);
        m.visitVarInsn(ISTORE, bSlot);
        Label tail = new Label();
        m.visitMethodInsn(INVOKESTATIC, SUPPORT, "available", "()Z", false);
        m.visitJumpInsn(IFEQ, tail);
        m.visitFieldInsn(GETSTATIC, LANES, "LENGTH", "I");
        m.visitVarInsn(ISTORE, lengthSlot);
        newArray(m, Math.max(1, parts.workSlots()), lengthSlot, workSlot);
        newArray(m, 2, lengthSlot, scratchSlot);
        // while (b + LENGTH <= n) { segment 0; segment 1; ...; b += LENGTH }
        Label vectorTest = new Label();
        Label vectorBody = new Label();
        m.visitJumpInsn(GOTO, vectorTest);
        m.visitLabel(vectorBody);
        String descriptor = segmentDescriptor();
        for (int s = 0; s < parts.segments().size(); s++) {
            String segment = name + "$b" + s;
            m.visitVarInsn(ILOAD, bSlot);
            m.visitVarInsn(ILOAD, nSlot);
            for (int i = 0; i < count; i++) {
                KernelSpec.Arg a = spec.args().get(i);
                m.visitVarInsn(a.array() ? ALOAD : a.integer() ? ILOAD : DLOAD, argSlot[i]);
            }
            m.visitVarInsn(ALOAD, workSlot);
            m.visitVarInsn(ALOAD, scratchSlot);
            m.visitMethodInsn(INVOKESTATIC, owner, segment, descriptor, false);
            out.add(segment(segment, s, descriptor));
        }
        m.visitVarInsn(ILOAD, bSlot);
        m.visitVarInsn(ILOAD, lengthSlot);
        m.visitInsn(IADD);
        m.visitVarInsn(ISTORE, bSlot);
        m.visitLabel(vectorTest);
        m.visitVarInsn(ILOAD, bSlot);
        m.visitVarInsn(ILOAD, lengthSlot);
        m.visitInsn(IADD);
        m.visitVarInsn(ILOAD, nSlot);
        m.visitJumpInsn(IF_ICMPLE, vectorBody);
        // while (b < n) { the kernel for point b; b++ }
        m.visitLabel(tail);
        Label scalarTest = new Label();
        Label scalarBody = new Label();
        m.visitJumpInsn(GOTO, scalarTest);
        m.visitLabel(scalarBody);
        BatchLane scalar = new BatchLane(spec, owner, perPoint, m, false, whole, -1, argSlot, nSlot, bSlot, -1, -1, -1, -1, base);
        for (Step step : whole.segments().get(0)) {
            scalar.compute(step);
        }
        scalar.writeOutputs();
        m.visitIincInsn(bSlot, 1);
        m.visitLabel(scalarTest);
        m.visitVarInsn(ILOAD, bSlot);
        m.visitVarInsn(ILOAD, nSlot);
        m.visitJumpInsn(IF_ICMPLT, scalarBody);
        m.visitInsn(RETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        return out;
    }

    /** {@code local = new double[factor · LENGTH]}. */
    private static void newArray(MethodVisitor m, int factor, int lengthSlot, int local) {
        LoopCode.pushInt(m, factor);
        m.visitVarInsn(ILOAD, lengthSlot);
        m.visitInsn(IMUL);
        m.visitIntInsn(NEWARRAY, T_DOUBLE);
        m.visitVarInsn(ASTORE, local);
    }

    private void line(MethodNode m) {
        Label start = new Label();
        m.visitLabel(start);
        m.visitLineNumber(Math.max(1, spec.line()), start);
    }

    /**
     * Segment s of the vector loop for the points b … b + LENGTH − 1: its values as vectors,
     * those read later stored to the work array; the last segment writes the outputs.
     */
    private MethodNode segment(String name, int s, String descriptor) {
        MethodNode m = new MethodNode(ACC_PRIVATE | ACC_STATIC, name, descriptor, null, null);
        m.visitCode();
        line(m);
        int count = spec.args().size();
        int[] argSlot = new int[count];
        int slot = 2;
        for (int i = 0; i < count; i++) {
            argSlot[i] = slot;
            KernelSpec.Arg a = spec.args().get(i);
            slot += a.array() || a.integer() ? 1 : 2;
        }
        int workSlot = slot++;
        int scratchSlot = slot++;
        int lengthSlot = slot++;
        int laneSlot = slot++;
        m.visitFieldInsn(GETSTATIC, LANES, "LENGTH", "I");
        m.visitVarInsn(ISTORE, lengthSlot);
        int base = slot;
        BatchLane lane = new BatchLane(spec, owner, perPoint, m, true, parts, s, argSlot, 1, 0, lengthSlot, laneSlot, scratchSlot, workSlot, base);
        boolean last = s == parts.segments().size() - 1;
        // Each constant, shared value and per-point input this segment reads, once, at its start.
        int free = base + parts.localsUsed(s) / 2 + 1;
        for (Node leaf : leaves(parts.segments().get(s), last)) {
            lane.push(leaf);
            m.visitVarInsn(ASTORE, free);
            lane.cached.put(leaf, free++);
        }
        for (Step step : parts.segments().get(s)) {
            Node n = step.node();
            if (n.op() == Op.POWI && n.exponent() < 0 && n.exponent() >= -4 && lane.ones < 0) {
                m.visitFieldInsn(GETSTATIC, LANES, "SPECIES", SPECIES);
                m.visitInsn(DCONST_1);
                m.visitMethodInsn(INVOKESTATIC, DOUBLE_VECTOR, "broadcast", "(" + SPECIES + "D)" + VECTOR, false);
                m.visitVarInsn(ASTORE, free);
                lane.ones = free++;
            }
        }
        lane.free = free;
        for (Step step : parts.segments().get(s)) {
            lane.compute(step);
        }
        if (last) {
            lane.writeOutputs();
        }
        m.visitInsn(RETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        return m;
    }

    /** The constants and symbols the steps (and, for the last segment, the outputs) read, each once. */
    private List<Node> leaves(List<Step> steps, boolean outputs) {
        Map<Node, Boolean> seen = new IdentityHashMap<>();
        List<Node> out = new ArrayList<>();
        List<Node> read = new ArrayList<>();
        for (Step step : steps) {
            Op op = step.node().op();
            if (op == Op.ADD || op == Op.MUL || step.from() != null) {
                for (Operand o : step.operands()) {
                    read.add(o.node());
                }
            } else {
                read.addAll(step.node().children());
            }
        }
        if (outputs) {
            for (KernelSpec.Output o : spec.outputs()) {
                read.addAll(List.of(o.values()));
            }
        }
        for (Node n : read) {
            if ((n.isConstant() || n.isSymbol()) && seen.put(n, true) == null) {
                out.add(n);
            }
        }
        return out;
    }
}
