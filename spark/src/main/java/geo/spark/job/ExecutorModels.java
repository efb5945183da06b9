package geo.spark.job;

import geo.runtime.load.Model;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What an executor JVM keeps between tasks: each model jar loaded (verified, classes defined) once
 * per JVM, and one solver per task thread and job configuration. Spark runs a JVM's tasks on a
 * pool of threads that outlive the tasks, so a thread's solver (its kernel instances and scratch
 * arrays) serves every task that thread runs; solvers are never shared between threads.
 */
public final class ExecutorModels {

    private static final ConcurrentHashMap<String, Model> MODELS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, ThreadLocal<Object>> SOLVERS = new ConcurrentHashMap<>();

    private ExecutorModels() {
    }

    /** The model of {@code spec}, loaded on first use in this JVM. */
    static Model model(ModelSpec spec) {
        return MODELS.computeIfAbsent(spec.digest() + "/" + spec.manifold(), k -> spec.load());
    }

    /**
     * This thread's solver for a configuration: made by {@code make} from the model on the thread's
     * first task of that configuration, then reused.
     *
     * @param key names the configuration (the model's digest and manifold, the job kind, its solver options)
     */
    static <T> T solver(ModelSpec spec, String key, Class<T> type, Function<Model, T> make) {
        ThreadLocal<Object> local = SOLVERS.computeIfAbsent(spec.digest() + "/" + spec.manifold() + "/" + key,
                k -> ThreadLocal.withInitial(() -> make.apply(model(spec))));
        return type.cast(local.get());
    }

    /** The number of models loaded in this JVM (for tests of the once-per-JVM rule). */
    static int loaded() {
        return MODELS.size();
    }
}
