package geo.runtime.load;

import geo.runtime.api.CompiledModel;
import geo.runtime.api.Json;
import geo.runtime.api.JsonFields;
import geo.runtime.api.ModelDescriptor;
import geo.runtime.api.ParameterInits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Loads compiled models. A model jar (format {@value #FORMAT}) holds {@value #INDEX} (the list of
 * models: class, descriptor, default parameters), the classes, the {@code .geo} source, and
 * {@value #DIGESTS}: the jar format, the compiler's build, the runtime API fingerprint and the
 * SHA-256 of every other entry. {@link #load} checks all of it before it parses the index or
 * defines a class (see {@link VerifiedJar}), and defines the classes from the checked bytes with
 * its own class loader.
 *
 * <p>Compatibility policy: a jar loads when its format is {@value #FORMAT} and its runtime API
 * fingerprint equals this runtime's ({@link RuntimeApi#fingerprint()}); the compiler's version
 * label and build identity may differ, and are reported by {@link ModelSet#build()}.
 */
public final class Models {

    /** Where a model jar lists its models. */
    public static final String INDEX = "META-INF/geo/models.json";

    /** Where a model jar records its format, its compiler's build and the digest of every other entry. */
    public static final String DIGESTS = "META-INF/geo/digests.json";

    /**
     * The jar format this runtime reads and the compiler writes. Format 1 (before entry digests)
     * had no {@value #DIGESTS}.
     */
    public static final int FORMAT = 2;

    /** The most models one index may list. */
    static final int MAX_MODELS = 10_000;

    private Models() {
    }

    /** The version label of this runtime ({@code 0.1.0-SNAPSHOT} for a development build). */
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
     * @throws ModelLoadException  if it is not a model jar, is of another format or runtime API, was
     *                             modified after {@code geo compile}, or its index is malformed
     */
    public static ModelSet load(Path jar) throws IOException {
        VerifiedJar verified = VerifiedJar.read(jar);
        String origin = jar.toString();
        Map<String, byte[]> entries = verified.entries();
        byte[] index = entries.get(INDEX);
        if (index == null) {
            throw new ModelLoadException(origin + ": not a Geo model jar (it has no " + INDEX + ")");
        }
        String json = new String(index, StandardCharsets.UTF_8);
        String source;
        try {
            String entry = JsonFields.of(Json.parse(json), "").string("source");
            byte[] text = entries.get(entry);
            if (text == null) {
                throw new IllegalArgumentException("source names " + entry + ", which the jar does not contain");
            }
            source = new String(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed(origin, e);
        }
        return define(json, verified.classes(), source, origin, Optional.of(verified.build()));
    }

    /**
     * Defines models from class files in memory (compiled in this process), with the index in
     * the same JSON form as a jar's.
     *
     * @throws ModelLoadException if the index is malformed or a class does not match it
     */
    public static ModelSet define(String indexJson, Map<String, byte[]> classes, String source, String origin) {
        return define(indexJson, classes, source, origin, Optional.empty());
    }

    private static ModelSet define(String indexJson, Map<String, byte[]> classes, String source, String origin,
                                   Optional<JarBuild> build) {
        List<Entry> listed;
        try {
            listed = entries(Json.parse(indexJson), classes);
        } catch (IllegalArgumentException e) {
            throw malformed(origin, e);
        }
        ClassLoader loader = new BytesClassLoader(classes, Models.class.getClassLoader());
        List<Model> models = new ArrayList<>();
        for (Entry e : listed) {
            CompiledModel instance = instantiate(loader, e.className(), origin);
            if (!instance.descriptor().equals(e.descriptor())) {
                throw new ModelLoadException(origin + ": class " + e.className() + " does not match its descriptor in "
                        + INDEX + " (the jar was modified or assembled from different builds)");
            }
            models.add(new Model(e.descriptor(), e.defaults(), e.initialisers(), instance));
        }
        return new ModelSet(models, source, build);
    }

    /** One model of the index, checked against the class files present. */
    private record Entry(String className, ModelDescriptor descriptor, double[] defaults, ParameterInits initialisers) {
    }

    /** The models an index lists; every mistake is an IllegalArgumentException naming the field. */
    private static List<Entry> entries(Object parsed, Map<String, byte[]> classes) {
        JsonFields index = JsonFields.of(parsed, "");
        index.string("compilerVersion");
        List<?> list = index.array("models", MAX_MODELS);
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonFields m = JsonFields.element(list, index.path("models"), i);
            String className = m.string("class");
            if (!classes.containsKey(className)) {
                throw new IllegalArgumentException(m.path("class") + " names " + className
                        + ", whose class file is not there");
            }
            ModelDescriptor descriptor = ModelDescriptor.fromJson(m.get("descriptor"), m.path("descriptor"));
            List<Double> defaults = m.numbers("defaults", ModelDescriptor.MAX_PARAMETERS);
            if (defaults.size() != descriptor.parameterCount()) {
                throw new IllegalArgumentException(m.path("defaults") + " has " + defaults.size()
                        + " values but model " + descriptor.name() + " has " + descriptor.parameterCount()
                        + " parameters");
            }
            double[] theta = new double[defaults.size()];
            for (int k = 0; k < theta.length; k++) {
                theta[k] = defaults.get(k);
            }
            ParameterInits initialisers = ParameterInits.fromJson(m.get("initialisers"), m.path("initialisers"),
                    descriptor, theta);
            if (!java.util.Arrays.equals(initialisers.draw(0), theta)) {
                throw new IllegalArgumentException(m.path("initialisers") + " do not give " + m.path("defaults")
                        + " with seed 0");
            }
            out.add(new Entry(className, descriptor, theta, initialisers));
        }
        return out;
    }

    private static ModelLoadException malformed(String origin, IllegalArgumentException e) {
        return new ModelLoadException(origin + ": malformed " + INDEX + ": " + e.getMessage(), e);
    }

    /**
     * A new instance of {@code className}, which must implement {@link CompiledModel}: checked
     * before the class is initialised, so a class that is not a model never runs its static
     * initialiser.
     */
    private static CompiledModel instantiate(ClassLoader loader, String className, String origin) {
        try {
            Class<?> c = Class.forName(className, false, loader);
            if (!CompiledModel.class.isAssignableFrom(c)) {
                throw new ModelLoadException(origin + ": " + className + " is not a compiled model");
            }
            return (CompiledModel) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ModelLoadException(origin + ": cannot load " + className + ": " + e, e);
        }
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
