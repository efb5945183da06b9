package geo.compiler.emit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;

/**
 * Assembles one generated model class: the descriptor constant, the work array, the constructor,
 * {@code descriptor()}, {@code copy()} and the kernel methods.
 */
final class ClassEmitter implements Opcodes {

    static final String API = "geo/runtime/api/";
    private static final String WORK = "work";

    private ClassEmitter() {
    }

    /**
     * The class file.
     *
     * @param name           internal name, e.g. {@code geo/models/Sphere}
     * @param superName      {@code java/lang/Object}, or {@code geo/runtime/api/ImplicitAcceleration}
     * @param superArgument  the dimension passed to an ImplicitAcceleration super constructor (ignored otherwise)
     * @param interfaces     internal names of the implemented interfaces
     * @param sourceFile     the {@code .geo} file name, for stack traces
     * @param descriptorJson the model descriptor as JSON
     * @param kernels        the kernel methods
     * @param constants      methods {@code int name()} returning a constant
     */
    static Emitted emit(String name, String superName, int superArgument, List<String> interfaces, String sourceFile,
                       String descriptorJson, List<KernelSpec> kernels, Map<String, Integer> constants) {
        return emit(name, superName, superArgument, interfaces, sourceFile, descriptorJson, SharedValues.none(kernels),
                List.of(), constants, 0);
    }

    /**
     * As above, with the batch variants ({@link BatchEmitter}) of the kernels {@code batches}, and
     * the kernels' shared values computed once by methods of their own ({@link SharedValues}).
     */
    static Emitted emit(String name, String superName, int superArgument, List<String> interfaces, String sourceFile,
                       String descriptorJson, SharedValues kernels, List<KernelSpec> batches,
                       Map<String, Integer> constants) {
        return emit(name, superName, superArgument, interfaces, sourceFile, descriptorJson, kernels, batches,
                constants, 0);
    }

    /** As above; {@code maxCalls} as in {@link MethodEmitter#MethodEmitter(String, KernelSpec, String, int)}. */
    static Emitted emit(String name, String superName, int superArgument, List<String> interfaces, String sourceFile,
                       String descriptorJson, List<KernelSpec> kernels, Map<String, Integer> constants,
                       int maxCalls) {
        return emit(name, superName, superArgument, interfaces, sourceFile, descriptorJson, SharedValues.none(kernels),
                List.of(), constants, maxCalls);
    }

    private static Emitted emit(String name, String superName, int superArgument, List<String> interfaces,
                                String sourceFile, String descriptorJson, SharedValues shared,
                                List<KernelSpec> batches, Map<String, Integer> constants, int maxCalls) {
        // Methods go into the class writer kernel by kernel, so that the (large) instruction
        // lists of only one kernel are held at a time.
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(V17, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, name, null, superName, interfaces.toArray(String[]::new));
        cw.visitSource(sourceFile, null);
        cw.visitField(ACC_PRIVATE | ACC_STATIC | ACC_FINAL, "DESCRIPTOR", "L" + API + "ModelDescriptor;", null, null)
                .visitEnd();
        cw.visitField(ACC_PRIVATE | ACC_FINAL, WORK, "[D", null, null).visitEnd();
        if (shared.slots() > 0) {
            cw.visitField(ACC_PRIVATE | ACC_FINAL, SharedValues.FIELD, "[D", null, null).visitEnd();
        }
        List<MethodNode> fixed = new ArrayList<>();
        fixed.add(staticInit(name, descriptorJson));
        fixed.add(descriptor(name));
        fixed.add(copy(name));
        constants.forEach((method, value) -> fixed.add(constant(method, value)));
        List<MethodSize> kernelSizes = new ArrayList<>();
        int[] workSize = {0};
        int methodCount = fixed.size() + 1;
        String model = name.substring(name.lastIndexOf('/') + 1);
        boolean loops = false;
        for (KernelSpec k : shared.kernels()) {
            MethodEmitter emitter = new MethodEmitter(name, k, WORK, maxCalls);
            for (MethodNode m : emitter.emit(workSize)) {
                kernelSizes.add(new MethodSize(m.name, emitter.sizes().get(m)));
                m.accept(cw);
            }
            List<KernelSpec> calls = shared.calls().get(k);
            if (calls != null) {
                MethodNode m = sharing(name, k, calls);
                kernelSizes.add(new MethodSize(m.name, MethodEmitter.size(m)));
                m.accept(cw);
                methodCount++;
            }
            loops |= emitter.usesLoops();
            methodCount += emitter.sizes().size();
            if (methodCount > ClassLimitException.CLASS_FILE_LIMIT) {
                throw new ClassLimitException(tooLarge(model, "more than " + methodCount + " methods"));
            }
        }
        for (KernelSpec k : batches) {
            List<MethodNode> batch = k.name().equals("lossGradient") ? LossBatchEmitter.emit(k, name)
                    : k.name().equals("value") ? FnBatchEmitter.emit(k, name)
                    : AccelerationBatchEmitter.handles(k) ? AccelerationBatchEmitter.emit(k, name)
                    : BatchEmitter.emit(k, name);
            for (MethodNode m : batch) {
                int bytes = MethodEmitter.size(m);
                if (bytes >= MethodEmitter.HUGE_METHOD_LIMIT) {
                    // Unreachable: BatchEmitter.fits holds for every batch kernel.
                    throw new IllegalStateException("batch kernel " + m.name + " has " + bytes + " bytes");
                }
                kernelSizes.add(new MethodSize(m.name, bytes));
                m.accept(cw);
                methodCount++;
            }
        }
        fixed.add(1, constructor(name, superName, superArgument, workSize[0], shared.slots()));
        if (loops) {
            fixed.addAll(LoopCode.helpers());
        }
        List<MethodSize> sizes = new ArrayList<>();
        for (MethodNode m : fixed) {
            sizes.add(new MethodSize(m.name, MethodEmitter.size(m)));
            m.accept(cw);
        }
        sizes.addAll(kernelSizes);
        cw.visitEnd();
        try {
            return new Emitted(cw.toByteArray(), sizes);
        } catch (ClassTooLargeException e) {
            throw new ClassLimitException(tooLarge(model, e.getConstantPoolCount() + " constant-pool entries"));
        }
    }

    private static String tooLarge(String model, String needs) {
        return "model '" + model + "' is too large to compile: its class would need " + needs + ", and a JVM class"
                + " allows at most 65,535; make the model smaller (fewer coordinates or parameters, narrower networks)";
    }

    /** A class file and the code size of each of its methods. */
    record Emitted(byte[] bytes, List<MethodSize> methods) {
    }

    private static MethodNode staticInit(String name, String json) {
        MethodNode m = new MethodNode(ACC_STATIC, "<clinit>", "()V", null, null);
        m.visitCode();
        m.visitLdcInsn(json);
        m.visitMethodInsn(INVOKESTATIC, API + "ModelDescriptor", "fromJson",
                "(Ljava/lang/String;)L" + API + "ModelDescriptor;", false);
        m.visitFieldInsn(PUTSTATIC, name, "DESCRIPTOR", "L" + API + "ModelDescriptor;");
        m.visitInsn(RETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        return m;
    }

    /**
     * The interface method of a kernel with shared values ({@link SharedValues}): calls the groups
     * of shared values it reads, in order, then its body, with its own arguments and the array of
     * shared values.
     */
    private static MethodNode sharing(String owner, KernelSpec body, List<KernelSpec> groups) {
        List<KernelSpec.Arg> args = body.args().subList(0, body.args().size() - 1);
        String descriptor = body.descriptor().replace("[D)", ")");
        MethodNode m = new MethodNode(ACC_PUBLIC | ACC_FINAL, SharedValues.bodyOf(body), descriptor, null, null);
        m.visitCode();
        int[] slot = new int[args.size()];
        int next = 1;
        for (int i = 0; i < args.size(); i++) {
            slot[i] = next;
            next += args.get(i).array() || args.get(i).integer() ? 1 : 2;
        }
        int x = SharedValues.plainArgument(body, geo.compiler.ir.Symbol.Kind.COORD);
        int theta = SharedValues.plainArgument(body, geo.compiler.ir.Symbol.Kind.PARAM);
        for (KernelSpec g : groups) {
            m.visitVarInsn(ALOAD, 0);
            m.visitVarInsn(ALOAD, slot[x]);
            m.visitVarInsn(ALOAD, slot[theta]);
            m.visitVarInsn(ALOAD, 0);
            m.visitFieldInsn(GETFIELD, owner, SharedValues.FIELD, "[D");
            m.visitMethodInsn(INVOKEVIRTUAL, owner, g.name(), g.descriptor(), false);
        }
        m.visitVarInsn(ALOAD, 0);
        for (int i = 0; i < args.size(); i++) {
            KernelSpec.Arg a = args.get(i);
            m.visitVarInsn(a.array() ? ALOAD : a.integer() ? ILOAD : DLOAD, slot[i]);
        }
        m.visitVarInsn(ALOAD, 0);
        m.visitFieldInsn(GETFIELD, owner, SharedValues.FIELD, "[D");
        m.visitMethodInsn(INVOKEVIRTUAL, owner, body.name(), body.descriptor(), false);
        m.visitInsn(body.returned() == null ? RETURN : DRETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        return m;
    }

    private static MethodNode constructor(String name, String superName, int superArgument, int workSize,
                                          int sharedSize) {
        MethodNode m = new MethodNode(ACC_PUBLIC, "<init>", "()V", null, null);
        m.visitCode();
        m.visitVarInsn(ALOAD, 0);
        if (superName.equals("java/lang/Object")) {
            m.visitMethodInsn(INVOKESPECIAL, superName, "<init>", "()V", false);
        } else {
            push(m, superArgument);
            m.visitMethodInsn(INVOKESPECIAL, superName, "<init>", "(I)V", false);
        }
        m.visitVarInsn(ALOAD, 0);
        push(m, workSize);
        m.visitIntInsn(NEWARRAY, T_DOUBLE);
        m.visitFieldInsn(PUTFIELD, name, WORK, "[D");
        if (sharedSize > 0) {
            m.visitVarInsn(ALOAD, 0);
            push(m, sharedSize);
            m.visitIntInsn(NEWARRAY, T_DOUBLE);
            m.visitFieldInsn(PUTFIELD, name, SharedValues.FIELD, "[D");
        }
        m.visitInsn(RETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        return m;
    }

    private static MethodNode descriptor(String name) {
        MethodNode m = new MethodNode(ACC_PUBLIC | ACC_FINAL, "descriptor", "()L" + API + "ModelDescriptor;", null, null);
        m.visitCode();
        m.visitFieldInsn(GETSTATIC, name, "DESCRIPTOR", "L" + API + "ModelDescriptor;");
        m.visitInsn(ARETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        return m;
    }

    private static MethodNode copy(String name) {
        MethodNode m = new MethodNode(ACC_PUBLIC | ACC_FINAL, "copy", "()L" + API + "CompiledModel;", null, null);
        m.visitCode();
        m.visitTypeInsn(NEW, name);
        m.visitInsn(DUP);
        m.visitMethodInsn(INVOKESPECIAL, name, "<init>", "()V", false);
        m.visitInsn(ARETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        return m;
    }

    private static MethodNode constant(String method, int value) {
        MethodNode m = new MethodNode(ACC_PUBLIC | ACC_FINAL, method, "()I", null, null);
        m.visitCode();
        push(m, value);
        m.visitInsn(IRETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        return m;
    }

    private static void push(MethodVisitor m, int value) {
        if (value >= -1 && value <= 5) {
            m.visitInsn(ICONST_0 + value);
        } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            m.visitIntInsn(SIPUSH, value);
        } else {
            m.visitLdcInsn(value);
        }
    }
}
