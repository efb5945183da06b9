package geo.runtime.load;

import java.util.List;
import java.util.Optional;

/** The models of one compiled file, and its source when the jar carries it. */
public final class ModelSet {

    private final List<Model> models;
    private final String source;
    private final Optional<JarBuild> build;

    ModelSet(List<Model> models, String source, Optional<JarBuild> build) {
        this.models = List.copyOf(models);
        this.source = source;
        this.build = build;
    }

    /**
     * Who wrote the jar the models came from (format, compiler version and build, runtime API);
     * empty for models compiled in this process.
     */
    public Optional<JarBuild> build() {
        return build;
    }

    public List<Model> models() {
        return models;
    }

    /** The {@code .geo} source the models were compiled from, or null. */
    public String source() {
        return source;
    }

    /** The model called {@code name}. */
    public Model model(String name) {
        for (Model m : models) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        throw new ModelLoadException("no model called '" + name + "'; there are " + names());
    }

    /**
     * The fn called {@code name} (a model of kind {@code function}), as {@code geo eval --fn NAME}
     * selects it; a missing one is an error that lists the fns there are.
     *
     * @throws ModelLoadException when there is no fn of that name, or more than one (fns of the
     *         same name in different manifolds: qualify nothing, rename one)
     */
    public Model function(String name) {
        List<Model> fns = ofKind("function");
        List<Model> named = fns.stream().filter(m -> m.name().equals(name)).toList();
        if (named.size() == 1) {
            return named.get(0);
        }
        if (named.size() > 1) {
            throw new ModelLoadException("there are " + named.size() + " fns called '" + name
                    + "' (in different manifolds); rename all but one");
        }
        List<String> names = fns.stream().map(Model::name).toList();
        throw new ModelLoadException("no fn called '" + name + "'" + (names.isEmpty() ? "; the model declares no fn"
                : "; the fns are " + String.join(", ", names)));
    }

    /** The models of a descriptor kind ({@code metric}, {@code lagrangian}, {@code loss}, {@code function}), in order. */
    public List<Model> ofKind(String kind) {
        return models.stream().filter(m -> m.descriptor().kind().equals(kind)).toList();
    }

    /** The only model, when there is exactly one. */
    public Model only() {
        if (models.size() != 1) {
            throw new ModelLoadException("expected exactly one model, found " + names());
        }
        return models.get(0);
    }

    private List<String> names() {
        return models.stream().map(Model::name).toList();
    }
}
