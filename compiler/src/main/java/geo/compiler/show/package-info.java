/**
 * Stage "show": the derived equations of a checked program, arranged for people and machines
 * ({@code geo show}).
 *
 * <p>{@link geo.compiler.show.ShowBuilder} lowers each selected manifold, runs the derivations a
 * {@link geo.compiler.show.ShowRequest} asks for (metric, Christoffel symbols, spray, curvature,
 * Euler–Lagrange), simplifies them for display, drops components that are identically zero, and
 * evaluates the unsimplified equations at a point when one is given. The result, a
 * {@link geo.compiler.show.Report}, is plain data; {@link geo.compiler.show.TextRenderer} writes it
 * as text or LaTeX and {@link geo.compiler.show.JsonRenderer} as JSON. Nothing here prints to a
 * stream or knows about the command line beyond the option names its messages mention.
 */
package geo.compiler.show;
