package geo.cli;

import geo.runtime.api.Json;
import geo.runtime.load.CodeSource;
import geo.runtime.load.Models;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Tampers with a model jar the way a user or an attacker would, for the loader tests: edit, add or
 * remove entries, and optionally "reseal" it (recompute {@code digests.json} as a tamperer who
 * knows the format would).
 */
final class JarEdit {

    /** The system property a planted class's static initialiser sets. */
    static final String PLANTED = "geo.test.planted";

    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    private JarEdit(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
    }

    static JarEdit of(Path jar) throws IOException {
        return new JarEdit(jar);
    }

    /** Replaces text in an entry, which must contain it. */
    JarEdit replace(String entry, String from, String to) {
        return edit(entry, text -> {
            if (!text.contains(from)) {
                throw new AssertionError(entry + " does not contain " + from + ": " + text);
            }
            return text.replace(from, to);
        });
    }

    JarEdit edit(String entry, UnaryOperator<String> change) {
        byte[] old = entries.get(entry);
        if (old == null) {
            throw new AssertionError("no entry " + entry + " in " + entries.keySet());
        }
        entries.put(entry, change.apply(new String(old, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    JarEdit put(String entry, byte[] bytes) {
        entries.put(entry, bytes);
        return this;
    }

    JarEdit remove(String entry) {
        if (entries.remove(entry) == null) {
            throw new AssertionError("no entry " + entry);
        }
        return this;
    }

    byte[] get(String entry) {
        return entries.get(entry);
    }

    /** Recomputes the digest of every entry in {@code digests.json}, keeping its other fields. */
    @SuppressWarnings("unchecked")
    JarEdit reseal() {
        Map<String, Object> doc = (Map<String, Object>) Json.parse(new String(entries.get(Models.DIGESTS),
                StandardCharsets.UTF_8));
        Map<String, Object> digests = new TreeMap<>();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            if (!e.getKey().equals(Models.DIGESTS)) {
                digests.put(e.getKey(), CodeSource.sha256Hex(e.getValue()));
            }
        }
        doc.put("entries", digests);
        entries.put(Models.DIGESTS, Json.writePretty(doc).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    Path write(Path out) throws IOException {
        try (OutputStream file = Files.newOutputStream(out); JarOutputStream jar = new JarOutputStream(file)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                jar.putNextEntry(new ZipEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return out;
    }

    /**
     * A class {@code internalName} (e.g. {@code geo/models/Planted}) whose static initialiser sets
     * the system property {@link #PLANTED} to its name, with a public no-argument constructor.
     */
    static byte[] planted(String internalName) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, internalName, null, "java/lang/Object", null);
        MethodVisitor clinit = cw.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        clinit.visitCode();
        clinit.visitLdcInsn(PLANTED);
        clinit.visitLdcInsn(internalName);
        clinit.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "setProperty",
                "(Ljava/lang/String;Ljava/lang/String;)Ljava/lang/String;", false);
        clinit.visitInsn(Opcodes.POP);
        clinit.visitInsn(Opcodes.RETURN);
        clinit.visitMaxs(0, 0);
        clinit.visitEnd();
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        cw.visitEnd();
        return cw.toByteArray();
    }
}
