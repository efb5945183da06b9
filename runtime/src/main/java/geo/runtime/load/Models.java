package geo.runtime.load;

import geo.runtime.api.CompiledModel;
import geo.runtime.api.Json;
import geo.runtime.api.ModelDescriptor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads compiled models. A model jar holds {@code META-INF/geo/models.json} (the list of models:
 * class, descriptor, default parameters), the classes and the {@code .geo} source.
 */
public final class Models {

    /** Where a model jar lists its models. */
    public static final String INDEX = "META-INF/geo/models.json";

    private Models() {
    }

    /** The version of this runtime, which must equal the compiler version a jar was built with. */
    public static String runtimeVersion() {
        Properties p = new Properties();
        try (InputStream in = Models.class.getResourceAsStream("/geo/runtime/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    /**
     * Loads every model of a jar written by {@code geo compile}.
     *
     * @throws IOException         if the jar cannot be read
     * @throws ModelLoadException  if it is not a model jar, was built by another compiler version,
     *                             or a class does not match its descriptor
     */
    public static ModelSet load(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry index = file.getJarEntry(INDEX);
            if (index == null) {
                throw new ModelLoadException(jar + " is not a Geo model jar (no " + INDEX + ")");
            }
            String json = read(file, index);
            Map<String, byte[]> classes = new HashMap<>();
            var entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (e.getName().endsWith(".class")) {
                    String name = e.getName().substring(0, e.getName().length() - 6).replace('/', '.');
                    classes.put(name, file.getInputStream(e).readAllBytes());
                }
            }
            String source = null;
            Object parsed = Json.parse(json);
            if (parsed instanceof Map<?, ?> m && m.get("source") instanceof String s) {
                JarEntry src = file.getJarEntry(s);
                source = src == null ? null : read(file, src);
            }
            return define(json, classes, source, jar.toString());
        }
    }

    /**
     * Defines models from class files in memory (compiled in this process), with the index in
     * the same JSON form as a jar's.
     */
    public static ModelSet define(String indexJson, Map<String, byte[]> classes, String source, String origin) {
        Map<?, ?> index = object(Json.parse(indexJson), origin);
        String built = string(index, "compilerVersion", origin);
        String runtime = runtimeVersion();
        if (!built.equals(runtime)) {
            throw new ModelLoadException(origin + " was compiled by Geo " + built + ", but this runtime is Geo "
                    + runtime + "; recompile it with this version's 'geo compile'");
        }
        ClassLoader loader = new BytesClassLoader(classes, Models.class.getClassLoader());
        List<Model> models = new ArrayList<>();
        for (Object entry : list(index, "models", origin)) {
            Map<?, ?> m = object(entry, origin);
            String className = string(m, "class", origin);
            ModelDescriptor expected = ModelDescriptor.fromJson(Json.write(m.get("descriptor")));
            CompiledModel instance = instantiate(loader, className, origin);
            if (!instance.descriptor().equals(expected)) {
                throw new ModelLoadException(origin + ": class " + className + " does not match its descriptor in "
                        + INDEX + " (the jar was modified or assembled from different builds)");
            }
            List<?> defaults = list(m, "defaults", origin);
            double[] theta = new double[defaults.size()];
            for (int i = 0; i < theta.length; i++) {
                theta[i] = ((Number) defaults.get(i)).doubleValue();
            }
            if (theta.length != expected.parameterCount()) {
                throw new ModelLoadException(origin + ": model " + expected.name() + " has " + expected.parameterCount()
                        + " parameters but " + theta.length + " default values");
            }
            models.add(new Model(expected, theta, instance));
        }
        return new ModelSet(models, source);
    }

    private static CompiledModel instantiate(ClassLoader loader, String className, String origin) {
        try {
            Object o = loader.loadClass(className).getDeclaredConstructor().newInstance();
            if (!(o instanceof CompiledModel c)) {
                throw new ModelLoadException(origin + ": " + className + " is not a compiled model");
            }
            return c;
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ModelLoadException(origin + ": cannot load " + className + ": " + e, e);
        }
    }

    private static String read(JarFile file, JarEntry e) throws IOException {
        try (InputStream in = file.getInputStream(e)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static Map<?, ?> object(Object o, String origin) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new ModelLoadException(origin + ": malformed " + INDEX + " (expected an object)");
        }
        return m;
    }

    private static String string(Map<?, ?> m, String key, String origin) {
        if (!(m.get(key) instanceof String s)) {
            throw new ModelLoadException(origin + ": malformed " + INDEX + " (no '" + key + "')");
        }
        return s;
    }

    private static List<?> list(Map<?, ?> m, String key, String origin) {
        if (!(m.get(key) instanceof List<?> l)) {
            throw new ModelLoadException(origin + ": malformed " + INDEX + " (no '" + key + "' list)");
        }
        return l;
    }

    /** Defines classes from bytes; each model set gets its own loader, so names never clash. */
    private static final class BytesClassLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        BytesClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
            super(parent);
            this.classes = Map.copyOf(classes);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name);
            if (b == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
        }
    }
}
