package geo.compiler.emit;

import geo.compiler.ir.Node;
import geo.compiler.schedule.Loops;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The bytecode of {@link Loops}: each loop is a call of one of a few small static methods of the
 * generated class ({@link #helpers}, copied from {@link LoopTemplates}): {@value #DOT} (a running
 * sum plus products of two strided vectors), {@value #SCALE} (a strided vector times a factor into
 * an output), {@value #MV} and {@value #MVT} (the rows of a dot group), {@value #OUTER} (an output
 * group). A kernel
 * method thus stays straight-line code with calls, and the JIT compiles the two loops once,
 * early (they are hot from the first calls), instead of every loop of every kernel method.
 * Each iteration performs what the straight-line code would for element k, in its order, so the
 * results are the same bits. A vector is an array argument (θ or an input) from a start with a
 * stride, or a block of the work array with stride 1.
 */
final class LoopCode implements Opcodes {

    /** s + Σₖ a[a0 + as·k]·b[b0 + bs·k], added left to right. */
    static final String DOT = "dot$";
    static final String DOT_DESCRIPTOR = "(D[DII[DIII)D";
    /** out[o0 + k] = c·v[v0 + vs·k]. */
    static final String SCALE = "scale$";
    static final String SCALE_DESCRIPTOR = "(D[DI[DIII)V";
    /** Rows of a matrix–vector product, row by row. */
    static final String MV = "mv$";
    /** Rows of a matrix–vector product, all rows at a time. */
    static final String MVT = "mvt$";
    static final String MV_DESCRIPTOR = "([DIII[DII[DIII)V";
    /** The rows of an outer product. */
    static final String OUTER = "outer$";
    static final String OUTER_DESCRIPTOR = "([DII[DII[DIIII)V";
    /** How many helpers {@link LoopTemplates} has. */
    private static final int HELPERS = 5;

    private final MethodVisitor mv;
    private final String owner;
    private final IntUnaryOperator argLocal;
    private final int workLocal;
    private final Map<Loops.Block, Integer> bases;

    /**
     * @param owner     the generated class (holding the helpers)
     * @param argLocal  the local holding a kernel argument, by the argument's index
     * @param workLocal the local holding the work array
     * @param bases     the first work-array slot of each block
     */
    LoopCode(MethodVisitor mv, String owner, IntUnaryOperator argLocal, int workLocal, Map<Loops.Block, Integer> bases) {
        this.mv = mv;
        this.owner = owner;
        this.argLocal = argLocal;
        this.workLocal = workLocal;
        this.bases = bases;
    }

    /**
     * Emits a loop step: an output run (its factor pushed by {@code push}), an output group, or a
     * dot group into the work array from {@code groupBase}.
     */
    void step(Loops.Loop loop, Integer groupBase, Consumer<Node> push) {
        if (loop instanceof Loops.OutputRun r) {
            push.accept(r.factor());
            outputs(r);
        } else if (loop instanceof Loops.OutputGroup g) {
            outputGroup(g);
        } else {
            dotGroup((Loops.DotGroup) loop, groupBase);
        }
    }

    /** Stores the double in {@code local} to each of the work-array {@code slots} (a block member's places). */
    void store(List<Integer> slots, int local) {
        for (int slot : slots) {
            mv.visitVarInsn(ALOAD, workLocal);
            pushInt(mv, slot);
            mv.visitVarInsn(DLOAD, local);
            mv.visitInsn(DASTORE);
        }
    }

    /** Pushes work-array element {@code slot}. */
    void load(int slot) {
        mv.visitVarInsn(ALOAD, workLocal);
        pushInt(mv, slot);
        mv.visitInsn(DALOAD);
    }

    /**
     * Adds the run's products left to right: s = ((s + a₀b₀) + a₁b₁) + …. With {@code first}
     * the run begins the sum, so s starts as a₀b₀ (not 0 + a₀b₀, which differs for −0); otherwise
     * s is on the stack. Leaves s on the stack.
     */
    void dot(Loops.Dot d, boolean first) {
        int from = 0;
        if (first) {
            element(d.left(), 0);
            element(d.right(), 0);
            mv.visitInsn(DMUL);
            from = 1;
        }
        vector(d.left(), from);
        vector(d.right(), from);
        pushInt(mv, d.length() - from);
        mv.visitMethodInsn(INVOKESTATIC, owner, DOT, DOT_DESCRIPTOR, false);
    }

    /** Writes out[first + k] = c·vₖ for the run, c taken from the stack. */
    void outputs(Loops.OutputRun r) {
        mv.visitVarInsn(ALOAD, argLocal.applyAsInt(r.arg()));
        pushInt(mv, r.first());
        offset(r.offset());
        vector(r.vector(), 0);
        pushInt(mv, r.members().size());
        mv.visitMethodInsn(INVOKESTATIC, owner, SCALE, SCALE_DESCRIPTOR, false);
    }

    /** Pushes the array, the index of element {@code k} and the stride of {@code v}. */
    private void vector(Loops.Vector v, int k) {
        if (v instanceof Loops.Strided s) {
            mv.visitVarInsn(ALOAD, argLocal.applyAsInt(s.arg()));
            pushInt(mv, s.first() + s.stride() * k);
            offset(s.offset());
            pushInt(mv, s.stride());
        } else {
            mv.visitVarInsn(ALOAD, workLocal);
            pushInt(mv, bases.get((Loops.Block) v) + k);
            mv.visitInsn(ICONST_1);
        }
    }

    /** Pushes element {@code k} of {@code v}. */
    private void element(Loops.Vector v, int k) {
        if (v instanceof Loops.Strided s) {
            mv.visitVarInsn(ALOAD, argLocal.applyAsInt(s.arg()));
            pushInt(mv, s.first() + s.stride() * k);
            offset(s.offset());
        } else {
            mv.visitVarInsn(ALOAD, workLocal);
            pushInt(mv, bases.get((Loops.Block) v) + k);
        }
        mv.visitInsn(DALOAD);
    }

    /** Adds the int argument {@code offset} to the index on the stack, unless it is −1. */
    private void offset(int offset) {
        if (offset >= 0) {
            mv.visitVarInsn(ILOAD, argLocal.applyAsInt(offset));
            mv.visitInsn(IADD);
        }
    }

    /** Pushes a double constant: DCONST_0 for +0.0 only (not −0.0), DCONST_1 for 1, else LDC. */
    static void pushDouble(MethodVisitor mv, double v) {
        if (Double.doubleToRawLongBits(v) == 0L) {
            mv.visitInsn(DCONST_0);
        } else if (v == 1.0) {
            mv.visitInsn(DCONST_1);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    /** Pushes an int constant with the shortest instruction. */
    static void pushInt(MethodVisitor mv, int i) {
        if (i >= -1 && i <= 5) {
            mv.visitInsn(ICONST_0 + i);
        } else if (i >= Byte.MIN_VALUE && i <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, i);
        } else if (i >= Short.MIN_VALUE && i <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, i);
        } else {
            mv.visitLdcInsn(i);
        }
    }

    /**
     * Computes the rows of a dot group into the work array from {@code base}: by {@value #MVT}
     * when a row's elements are closer together in the varying array than one row's successive
     * elements (the columns of a row-major matrix, as in Wᵀδ), else by {@value #MV}.
     */
    void dotGroup(Loops.DotGroup g, int base) {
        Loops.Strided a = g.varying();
        mv.visitVarInsn(ALOAD, argLocal.applyAsInt(a.arg()));
        pushInt(mv, a.first());
        offset(a.offset());
        pushInt(mv, g.rowStride());
        pushInt(mv, a.stride());
        vector(g.shared(), 0);
        mv.visitVarInsn(ALOAD, workLocal);
        pushInt(mv, base);
        pushInt(mv, g.sums().size());
        pushInt(mv, g.length());
        mv.visitMethodInsn(INVOKESTATIC, owner, g.rowStride() < a.stride() ? MVT : MV, MV_DESCRIPTOR, false);
    }

    /** Writes every row of an output group. */
    void outputGroup(Loops.OutputGroup g) {
        vector(g.factors(), 0);
        Loops.OutputRun first = g.rows().get(0);
        vector(first.vector(), 0);
        mv.visitVarInsn(ALOAD, argLocal.applyAsInt(first.arg()));
        pushInt(mv, first.first());
        offset(first.offset());
        pushInt(mv, g.rowStride());
        pushInt(mv, g.rows().size());
        pushInt(mv, first.members().size());
        mv.visitMethodInsn(INVOKESTATIC, owner, OUTER, OUTER_DESCRIPTOR, false);
    }

    /**
     * The loop helpers, for a class whose kernels use loops: the methods of {@link LoopTemplates}
     * as javac compiled them (without debug information), made private.
     */
    static List<MethodNode> helpers() {
        ClassNode template = new ClassNode();
        try (InputStream in = LoopTemplates.class.getResourceAsStream("LoopTemplates.class")) {
            if (in == null) {
                throw new IllegalStateException("the compiler's LoopTemplates.class is missing");
            }
            new ClassReader(in).accept(template, ClassReader.SKIP_DEBUG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<MethodNode> out = new ArrayList<>();
        for (MethodNode m : template.methods) {
            if (m.name.endsWith("$")) {
                m.access = ACC_PRIVATE | ACC_STATIC;
                out.add(m);
            }
        }
        if (out.size() != HELPERS) {
            throw new IllegalStateException("expected " + HELPERS + " loop helpers in LoopTemplates, found " + out.size());
        }
        return out;
    }
}
