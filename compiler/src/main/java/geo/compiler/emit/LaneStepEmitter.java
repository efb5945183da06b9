package geo.compiler.emit;

import geo.compiler.emit.LossBatchSteps.AddTimes;
import geo.compiler.emit.LossBatchSteps.Bin;
import geo.compiler.emit.LossBatchSteps.Call;
import geo.compiler.emit.LossBatchSteps.Const;
import geo.compiler.emit.LossBatchSteps.Copy;
import geo.compiler.emit.LossBatchSteps.DotLL;
import geo.compiler.emit.LossBatchSteps.DotSL;
import geo.compiler.emit.LossBatchSteps.DotSS;
import geo.compiler.emit.LossBatchSteps.Fill;
import geo.compiler.emit.LossBatchSteps.Lane;
import geo.compiler.emit.LossBatchSteps.Operand;
import geo.compiler.emit.LossBatchSteps.OuterTo;
import geo.compiler.emit.LossBatchSteps.Powi;
import geo.compiler.emit.LossBatchSteps.Step;
import geo.compiler.emit.LossBatchSteps.SumTo;
import geo.compiler.emit.LossBatchSteps.SumsTo;
import geo.compiler.emit.LossBatchSteps.Tanh;
import geo.compiler.emit.LossBatchSteps.Theta;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;

/**
 * The code of a batch kernel's {@link LossBatchSteps steps}, shared by {@link LossBatchEmitter}
 * ({@code lossGradientBatch}) and {@link FnBatchEmitter} ({@code valueBatch}): each step one call of
 * {@code geo.runtime.lanes.LaneLoops} with constant slots (a library function other than tanh: a
 * loop over the lanes in the method itself), the steps cut into static methods {@code name$k} of
 * at most {@link #SEGMENT_BUDGET} bytes (well under HotSpot's 8,000-byte limit, and small enough
 * that C2 compiles each with its loops: the inner loops live in the few {@code LaneLoops} methods,
 * compiled once for every model), which the kernel's main method calls in order.
 *
 * <p>A segment's locals are n (0), w (1), θ (2), for a loss gθ (3), then a call loop's: the lane
 * row written, the lane index and the rows of the lane arguments.
 */
final class LaneStepEmitter implements Opcodes {

    static final String LANES = "geo/runtime/lanes/LaneLoops";
    /** Bytes of one segment method (measured sizes are checked against the JIT limit). */
    static final int SEGMENT_BUDGET = 3000;
    private static final int N = 0;
    private static final int W = 1;
    private static final int THETA = 2;

    /** The local of gθ ({@code -1} when the kernel has none), and the first local of a call loop. */
    private final int g;
    private final int y;

    private LaneStepEmitter(int g, int y) {
        this.g = g;
        this.y = y;
    }

    /** The steps of a loss's kernel: locals n, w, θ, gθ. */
    static LaneStepEmitter withGradient() {
        return new LaneStepEmitter(3, 4);
    }

    /** The steps of a fn's kernel: locals n, w, θ (only forward steps). */
    static LaneStepEmitter forward() {
        return new LaneStepEmitter(-1, 3);
    }

    /**
     * The methods of a batch kernel: its public main method {@code name} ({@code descriptor}), which
     * calls the segments (descriptor {@code segment}, its first {@code args} arguments passed on)
     * and ends with {@code tail}, then the segments. {@code scratch} is the scratch row of
     * {@link OuterTo}.
     */
    List<MethodNode> emit(List<Step> steps, String owner, String name, String descriptor, String segment, int args,
                          int scratch, Consumer<MethodVisitor> tail) {
        List<MethodNode> out = new ArrayList<>();
        MethodNode main = new MethodNode(ACC_PUBLIC | ACC_FINAL, name, descriptor, null, null);
        main.visitCode();
        MethodNode seg = null;
        int bytes = 0;
        for (Step s : steps) {
            if (seg == null || bytes > SEGMENT_BUDGET) {
                if (seg != null) {
                    out.add(MethodEmitter.end(seg));
                }
                String segName = name + "$" + out.size();
                seg = new MethodNode(ACC_PRIVATE | ACC_STATIC, segName, segment, null, null);
                seg.visitCode();
                for (int i = 0; i < args; i++) {
                    main.visitVarInsn(i == 0 ? ILOAD : ALOAD, 1 + i);
                }
                main.visitMethodInsn(INVOKESTATIC, owner, segName, segment, false);
                bytes = 0;
            }
            step(seg, s, scratch);
            bytes += bound(s);
        }
        if (seg != null) {
            out.add(MethodEmitter.end(seg));
        }
        tail.accept(main);
        main.visitMaxs(0, 0);
        main.visitEnd();
        out.add(0, main);
        for (MethodNode m : out) {
            int size = MethodEmitter.size(m);
            if (size >= MethodEmitter.HUGE_METHOD_LIMIT) {
                // A segment is at most the budget plus one step (a call of a few dozen bytes).
                throw new IllegalStateException("batch kernel method " + m.name + " has " + size + " bytes");
            }
        }
        return out;
    }

    /** The number of segment methods {@link #emit} makes for {@code steps}. */
    static int segments(List<Step> steps) {
        int count = 0;
        int bytes = 0;
        for (Step s : steps) {
            if (count == 0 || bytes > SEGMENT_BUDGET) {
                count++;
                bytes = 0;
            }
            bytes += bound(s);
        }
        return count;
    }

    /**
     * An upper bound of the bytes of step {@code s}: a library loop {@code 40 + 12·args} (see
     * {@link #call}), eight lane sums 19 pushes of ≤ 5 bytes and a call, any other step a call
     * with at most 14 pushes of ≤ 5 bytes.
     */
    static int bound(Step s) {
        return s instanceof Call c ? 40 + 12 * c.args().size() : s instanceof SumsTo ? 120 : 80;
    }

    /** Emits one step. */
    private void step(MethodVisitor mv, Step s, int scratch) {
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
            call(mv, c);
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
        } else {
            gradientStep(mv, s, scratch);
        }
    }

    /** Emits a step that adds to gθ (a loss's kernel only). */
    private void gradientStep(MethodVisitor mv, Step s, int scratch) {
        if (g < 0) {
            throw new IllegalArgumentException("a gradient step in a kernel without gθ: " + s);
        }
        if (s instanceof OuterTo o) {
            wn(mv);
            mv.visitVarInsn(ALOAD, g);
            ints(mv, o.g0(), o.gRow(), o.f0(), o.fRow(), o.v0(), o.vs(), o.rows(), o.len(), scratch);
            lanes(mv, "outerTo", "([[DI[DIIIIIIIII)V");
        } else if (s instanceof SumTo t) {
            wn(mv);
            mv.visitVarInsn(ALOAD, g);
            ints(mv, t.e(), t.a());
            lanes(mv, "sumTo", "([[DI[DII)V");
        } else if (s instanceof SumsTo t) {
            wn(mv);
            mv.visitVarInsn(ALOAD, g);
            ints(mv, t.ea());
            lanes(mv, "sum8To", "([[DI[D" + "I".repeat(t.ea().length) + ")V");
        } else if (s instanceof AddTimes a) {
            mv.visitVarInsn(ALOAD, g);
            LoopCode.pushInt(mv, a.e());
            scalar(mv, a.scalar());
            mv.visitVarInsn(ILOAD, N);
            lanes(mv, "addTimes", "([DIDI)V");
        }
    }

    /** d[b] = call(args[b]) for b &lt; n, in the method itself ({@link #bound}: 39 + 12 bytes an argument at most). */
    private void call(MethodVisitor mv, Call c) {
        int row = y;
        int b = y + 1;
        int x0 = y + 2;
        mv.visitVarInsn(ALOAD, W);
        LoopCode.pushInt(mv, c.d());
        mv.visitInsn(AALOAD);
        mv.visitVarInsn(ASTORE, row);
        List<Operand> args = c.args();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof Lane l) {
                mv.visitVarInsn(ALOAD, W);
                LoopCode.pushInt(mv, l.slot());
                mv.visitInsn(AALOAD);
                mv.visitVarInsn(ASTORE, x0 + i);
            }
        }
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, b);
        Label test = new Label();
        Label body = new Label();
        mv.visitJumpInsn(GOTO, test);
        mv.visitLabel(body);
        mv.visitVarInsn(ALOAD, row);
        mv.visitVarInsn(ILOAD, b);
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof Lane) {
                mv.visitVarInsn(ALOAD, x0 + i);
                mv.visitVarInsn(ILOAD, b);
                mv.visitInsn(DALOAD);
            } else {
                scalar(mv, args.get(i));
            }
        }
        mv.visitMethodInsn(INVOKESTATIC, c.call().owner(), c.call().name(), c.call().descriptor(), false);
        mv.visitInsn(DASTORE);
        mv.visitIincInsn(b, 1);
        mv.visitLabel(test);
        mv.visitVarInsn(ILOAD, b);
        mv.visitVarInsn(ILOAD, N);
        mv.visitJumpInsn(IF_ICMPLT, body);
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
            LoopCode.pushDouble(mv, v);
        } else if (o instanceof Theta t) {
            mv.visitVarInsn(ALOAD, THETA);
            LoopCode.pushInt(mv, t.index());
            mv.visitInsn(DALOAD);
        } else {
            throw new IllegalArgumentException("not a scalar: " + o);
        }
    }
}
