package geo.compiler.check;

import geo.compiler.ast.Decl;
import geo.compiler.ast.Expr;
import geo.compiler.ast.GeoFile;
import geo.compiler.ast.Member;
import geo.runtime.api.ParameterInit;
import java.util.List;
import java.util.Map;

/**
 * A program that passed the checks: its files, what every name and call refers to, and the
 * shapes of its declarations. The lowering to IR reads it.
 *
 * @param units     all files, imported ones first; the last is the main file
 * @param manifolds the manifolds of the main file
 * @param losses    the losses of the main file, top-level ones and those inside manifolds
 * @param functions the fns of the main file, top-level ones and those inside manifolds
 * @param names     the binding of every name use
 * @param calls     the def called by every call of a user function (built-in calls are absent)
 * @param shapes    shapes of lets, metrics, lagrangians and parameters, by qualified name
 *                  ({@code h} at the top level, {@code Sphere.g} inside manifold Sphere)
 * @param initialisers how each parameter is initialised
 */
public record CheckedProgram(List<Unit> units, List<Model> manifolds, List<Loss> losses, List<Function> functions,
                             Map<Expr.Name, Binding> names, Map<Expr.Call, Binding.Def> calls,
                             Map<String, Shape> shapes, Map<Decl.Param, ParameterInit> initialisers) {

    /** The main file. */
    public GeoFile main() {
        return units.get(units.size() - 1).file();
    }

    /**
     * A checked manifold.
     *
     * @param decl       its declaration
     * @param dimension  the number of coordinates d
     * @param coords     the coordinate declaration
     * @param metric     the metric, or null
     * @param lagrangian the lagrangian, or null
     * @param params     the parameters visible in it (the imported and the file's, then its own), in order
     * @param parameterCount the number of scalars in all of {@code params}
     * @param domain     where the chart is valid, or null when the source declares no domain
     * @param periods    the period of each coordinate (length d), 0 for a coordinate that is not periodic
     * @param scope      its scope, for later stages that resolve names
     */
    public record Model(Decl.Manifold decl, int dimension, Member.Coords coords, Member.Metric metric,
                        Member.Lagrangian lagrangian, List<Binding.Param> params, int parameterCount,
                        ChartDomain domain, double[] periods, Scope scope) {

        public String name() {
            return decl.name().text();
        }
    }

    /**
     * A checked loss.
     *
     * @param decl   its declaration
     * @param model  the manifold it is declared in, or null for a top-level loss
     * @param params the parameters visible in it, in order (as for {@link Model#params})
     */
    public record Loss(Decl.Loss decl, Model model, List<Binding.Param> params) {

        public String name() {
            return decl.name().text();
        }
    }

    /**
     * A checked fn: a def that compiles to kernels of its own.
     *
     * @param decl   its declaration ({@link Decl.Def#compiled()} true)
     * @param model  the manifold it is declared in, or null for a top-level fn
     * @param params the parameters visible in it, in order (as for a loss: all of them, used or not)
     */
    public record Function(Decl.Def decl, Model model, List<Binding.Param> params) {

        public String name() {
            return decl.name().text();
        }
    }
}
