package geo.runtime.load;

import geo.runtime.api.CompiledModel;
import java.io.IOException;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fingerprint of the runtime API that generated classes link against: the public types of
 * {@code geo.runtime.api} with their super types and their public and protected members
 * (names, descriptors, static-ness, abstractness), hashed with SHA-256. Method bodies do not
 * count. The compiler records it in every jar; the loader refuses a jar whose fingerprint differs
 * from its own, because such a class may fail to link or call a method that no longer exists
 * (AbstractMethodError, NoSuchMethodError in the middle of a solve) — this is what decides
 * whether a jar from another compiler build is compatible, not the version label, which is
 * {@code 0.1.0-SNAPSHOT} for every development build.
 */
public final class RuntimeApi {

    /** The package generated classes link against, as a folder. */
    static final String PACKAGE = "geo/runtime/api/";

    private static volatile String fingerprint;

    private RuntimeApi() {
    }

    /** The fingerprint of this runtime's API, 64 hex digits; computed once per JVM. */
    public static String fingerprint() {
        String f = fingerprint;
        if (f == null) {
            f = compute();
            fingerprint = f;
        }
        return f;
    }

    private static String compute() {
        List<String> names = new ArrayList<>();
        try {
            for (String file : CodeSource.checksums(CompiledModel.class, PACKAGE).keySet()) {
                if (file.endsWith(".class") && !file.endsWith("package-info.class")) {
                    names.add(file.substring(0, file.length() - 6).replace('/', '.'));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the runtime API classes: " + e.getMessage(), e);
        }
        Map<String, String> signatures = new TreeMap<>();
        for (String name : names) {
            Class<?> c;
            try {
                c = Class.forName(name, false, CompiledModel.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("cannot load the runtime API class " + name, e);
            }
            if (Modifier.isPublic(c.getModifiers())) {
                signatures.put(name, CodeSource.sha256Hex(signature(c).getBytes(StandardCharsets.UTF_8)));
            }
        }
        return CodeSource.hash(signatures);
    }

    /** One line per public or protected member, sorted, after the type's own line. */
    static String signature(Class<?> c) {
        List<String> lines = new ArrayList<>();
        for (Method m : c.getDeclaredMethods()) {
            if (visible(m.getModifiers()) && !m.isSynthetic()) {
                lines.add(flags(m.getModifiers()) + "method " + m.getName()
                        + MethodType.methodType(m.getReturnType(), m.getParameterTypes()).toMethodDescriptorString());
            }
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (visible(k.getModifiers()) && !k.isSynthetic()) {
                lines.add("constructor " + MethodType.methodType(void.class, k.getParameterTypes())
                        .toMethodDescriptorString());
            }
        }
        for (Field f : c.getDeclaredFields()) {
            if (visible(f.getModifiers()) && !f.isSynthetic()) {
                lines.add(flags(f.getModifiers()) + "field " + f.getName() + " "
                        + f.getType().descriptorString());
            }
        }
        lines.sort(null);
        String supers = (c.getSuperclass() == null ? "" : " extends " + c.getSuperclass().getName())
                + " implements " + Arrays.stream(c.getInterfaces()).map(Class::getName).sorted().toList();
        return Modifier.toString(c.getModifiers() & (Modifier.ABSTRACT | Modifier.INTERFACE | Modifier.FINAL))
                + " " + c.getName() + supers + "\n" + String.join("\n", lines) + "\n";
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String flags(int modifiers) {
        return (Modifier.isStatic(modifiers) ? "static " : "") + (Modifier.isAbstract(modifiers) ? "abstract " : "")
                + (Modifier.isFinal(modifiers) ? "final " : "");
    }
}
