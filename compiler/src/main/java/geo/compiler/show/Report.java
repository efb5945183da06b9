package geo.compiler.show;

import java.util.List;

/**
 * Everything {@code geo show} prints for one file.
 *
 * @param file     the file as the user named it
 * @param models   the manifolds shown, in file order
 * @param losses   the losses shown (one section each), in file order
 * @param functions the fns shown (one section each, an equation per element of the value), in file order
 * @param problems values that are NaN or infinite at the point, and linear systems that could not
 *                 be solved there, one message each; empty when all is well
 */
public record Report(String file, List<ModelReport> models, List<Section> losses, List<Section> functions,
                     List<String> problems) {

    public Report {
        models = List.copyOf(models);
        losses = List.copyOf(losses);
        functions = List.copyOf(functions);
        problems = List.copyOf(problems);
    }
}
