package geo.compiler.emit;

import geo.compiler.emit.FnBatchPlan.Bin;
import geo.compiler.emit.FnBatchPlan.Call;
import geo.compiler.emit.FnBatchPlan.Const;
import geo.compiler.emit.FnBatchPlan.Copy;
import geo.compiler.emit.FnBatchPlan.DotLL;
import geo.compiler.emit.FnBatchPlan.DotSL;
import geo.compiler.emit.FnBatchPlan.DotSS;
import geo.compiler.emit.FnBatchPlan.Fill;
import geo.compiler.emit.FnBatchPlan.Lane;
import geo.compiler.emit.FnBatchPlan.Operand;
import geo.compiler.emit.FnBatchPlan.Powi;
import geo.compiler.emit.FnBatchPlan.Step;
import geo.compiler.emit.FnBatchPlan.Tanh;
import geo.compiler.emit.FnBatchPlan.Theta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;

/**
 * Emits {@code void valueBatch(int n, double[][] w, double[] theta)} of
 * {@code geo.runtime.api.BatchFunctionKernels} from a {@link FnBatchPlan}: each step one call of
 * {@code geo.runtime.lanes.LaneLoops} with constant slots (a library function other than tanh: a
 * loop over the lanes in the method itself), the steps cut into static methods
 * {@code valueBatch$k} of at most {@link #SEGMENT_BUDGET} bytes (under HotSpot's 8,000-byte limit,
 * so C2 compiles each), as the loss's batch kernel is. The constants {@code batchSlots} and
 * {@code batchOutputSlot} describe the work the caller allocates and where the outputs are.
 */
final class FnBatchEmitter implements Opcodes {

    static final String NAME = "valueBatch";
    private static final String LANES = "geo/runtime/lanes/LaneLoops";
    private static final String DESCRIPTOR = "(I[[D[D)V";
    /** Bytes of one segment method. */
    static final int SEGMENT_BUDGET = 3000;
    // Locals of a segment: n, w, theta, then a call loop's.
    private static final int N = 0;
    private static final int W = 1;
    private static final int THETA = 2;
    private static final int Y = 3;
    private static final int B = 4;
    private static final int X0 = 5;

    private FnBatchEmitter() {
    }

    /** The plan of {@code spec}, or null when it cannot be batched (the class keeps the per-row kernel). */
    static FnBatchPlan plan(KernelSpec spec) {
        try {
            return FnBatchPlan.of(spec);
        } catch (FnBatchPlan.Unsupported e) {
            return null;
        }
    }

    /** True when the batch kernel of {@code spec} can be planned and emitted within HotSpot's method limit. */
    static boolean fits(KernelSpec spec) {
        try {
            emit(spec, "geo/models/Probe");
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** The constants a batch kernel's class returns ({@code int name()}), added to {@code constants}. */
    static void constants(FnBatchPlan p, Map<String, Integer> constants) {
        constants.put("batchSlots", p.slots);
        constants.put("batchOutputSlot", p.outputSlot);
    }

    /** The methods of the batch kernel of {@code spec} in class {@code owner}. */
    static List<MethodNode> emit(KernelSpec spec, String owner) {
        FnBatchPlan p = plan(spec);
        if (p == null) {
            throw new IllegalStateException("fn " + spec.name() + " has no batch kernel");
        }
        List<MethodNode> out = new ArrayList<>();
        MethodNode main = new MethodNode(ACC_PUBLIC | ACC_FINAL, NAME, DESCRIPTOR, null, null);
        main.visitCode();
        MethodNode seg = null;
        int bytes = 0;
        for (Step s : p.steps) {
            if (seg == null || bytes > SEGMENT_BUDGET) {
                if (seg != null) {
                    out.add(MethodEmitter.end(seg));
                }
                String name = NAME + "$" + out.size();
                seg = new MethodNode(ACC_PRIVATE | ACC_STATIC, name, DESCRIPTOR, null, null);
                seg.visitCode();
                main.visitVarInsn(ILOAD, 1);
                main.visitVarInsn(ALOAD, 2);
                main.visitVarInsn(ALOAD, 3);
                main.visitMethodInsn(INVOKESTATIC, owner, name, DESCRIPTOR, false);
                bytes = 0;
            }
            bytes += step(seg, s);
        }
        if (seg != null) {
            out.add(MethodEmitter.end(seg));
        }
        main.visitInsn(RETURN);
        main.visitMaxs(0, 0);
        main.visitEnd();
        out.add(0, main);
        for (MethodNode m : out) {
            int size = MethodEmitter.size(m);
            if (size >= MethodEmitter.HUGE_METHOD_LIMIT) {
                throw new IllegalStateException("batch kernel method " + m.name + " has " + size + " bytes");
            }
        }
        return out;
    }

    /** Emits one step; returns an upper bound of its bytes. */
    private static int step(MethodVisitor mv, Step s) {
        if (s instanceof Fill f) {
            wn(mv);
            LoopCode.pushInt(mv, f.d());
            scalar(mv, f.scalar());
            lanes(mv, "fill", "([[DIID)V");
        } else if (s instanceof Copy c) {
            wn(mv);
            ints(mv, c.d(), c.a());
            lanes(mv, "copy", "([[DIII)V");
        } else if (s instanceof Bin b) {
            wn(mv);
            ints(mv, b.d(), b.a());
            String op = b.add() ? "add" : "mul";
            if (b.b() instanceof Lane l) {
                LoopCode.pushInt(mv, l.slot());
                lanes(mv, op + "LL", "([[DIIII)V");
            } else {
                scalar(mv, b.b());
                lanes(mv, op + "LS", "([[DIIID)V");
            }
        } else if (s instanceof Powi p) {
            wn(mv);
            ints(mv, p.d(), p.a(), p.k());
            lanes(mv, "powi", "([[DIIII)V");
        } else if (s instanceof Tanh t) {
            wn(mv);
            ints(mv, t.d(), t.a());
            lanes(mv, "tanh", "([[DIII)V");
        } else if (s instanceof Call c) {
            return call(mv, c);
        } else if (s instanceof DotSL d) {
            wn(mv);
            ints(mv, d.d(), d.dRow());
            mv.visitInsn(d.init() ? ICONST_1 : ICONST_0);
            mv.visitVarInsn(ALOAD, THETA);
            ints(mv, d.t0(), d.tRow(), d.ts(), d.s0(), d.sRow(), d.ss(), d.rows(), d.len());
            lanes(mv, "dotSL", "([[DIIIZ[DIIIIIIII)V");
        } else if (s instanceof DotLL d) {
            wn(mv);
            LoopCode.pushInt(mv, d.d());
            mv.visitInsn(d.init() ? ICONST_1 : ICONST_0);
            ints(mv, d.a0(), d.as(), d.c0(), d.cs(), d.len());
            lanes(mv, "dotLL", "([[DIIZIIIII)V");
        } else if (s instanceof DotSS d) {
            wn(mv);
            LoopCode.pushInt(mv, d.d());
            mv.visitInsn(d.init() ? ICONST_1 : ICONST_0);
            mv.visitVarInsn(ALOAD, THETA);
            ints(mv, d.a0(), d.as(), d.c0(), d.cs(), d.len());
            lanes(mv, "dotSS", "([[DIIZ[DIIIII)V");
        }
        // At most 14 pushes of ≤ 5 bytes and a call.
        return 80;
    }

    /** d[b] = call(args[b]) for b &lt; n, in the method itself. */
    private static int call(MethodVisitor mv, Call c) {
        mv.visitVarInsn(ALOAD, W);
        LoopCode.pushInt(mv, c.d());
        mv.visitInsn(AALOAD);
        mv.visitVarInsn(ASTORE, Y);
        List<Operand> args = c.args();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof Lane l) {
                mv.visitVarInsn(ALOAD, W);
                LoopCode.pushInt(mv, l.slot());
                mv.visitInsn(AALOAD);
                mv.visitVarInsn(ASTORE, X0 + i);
            }
        }
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, B);
        Label test = new Label();
        Label body = new Label();
        mv.visitJumpInsn(GOTO, test);
        mv.visitLabel(body);
        mv.visitVarInsn(ALOAD, Y);
        mv.visitVarInsn(ILOAD, B);
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof Lane) {
                mv.visitVarInsn(ALOAD, X0 + i);
                mv.visitVarInsn(ILOAD, B);
                mv.visitInsn(DALOAD);
            } else {
                scalar(mv, args.get(i));
            }
        }
        mv.visitMethodInsn(INVOKESTATIC, c.call().owner(), c.call().name(), c.call().descriptor(), false);
        mv.visitInsn(DASTORE);
        mv.visitIincInsn(B, 1);
        mv.visitLabel(test);
        mv.visitVarInsn(ILOAD, B);
        mv.visitVarInsn(ILOAD, N);
        mv.visitJumpInsn(IF_ICMPLT, body);
        return 40 + 12 * args.size();
    }

    private static void wn(MethodVisitor mv) {
        mv.visitVarInsn(ALOAD, W);
        mv.visitVarInsn(ILOAD, N);
    }

    private static void ints(MethodVisitor mv, int... values) {
        for (int v : values) {
            LoopCode.pushInt(mv, v);
        }
    }

    private static void lanes(MethodVisitor mv, String name, String descriptor) {
        mv.visitMethodInsn(INVOKESTATIC, LANES, name, descriptor, false);
    }

    /** Pushes a scalar operand: a constant, or θ[i]. */
    private static void scalar(MethodVisitor mv, Operand o) {
        if (o instanceof Const c) {
            double v = c.value();
            if (Double.doubleToRawLongBits(v) == 0L) {
                mv.visitInsn(DCONST_0);
            } else if (v == 1.0) {
                mv.visitInsn(DCONST_1);
            } else {
                mv.visitLdcInsn(v);
            }
        } else if (o instanceof Theta t) {
            mv.visitVarInsn(ALOAD, THETA);
            LoopCode.pushInt(mv, t.index());
            mv.visitInsn(DALOAD);
        } else {
            throw new IllegalArgumentException("not a scalar: " + o);
        }
    }
}
