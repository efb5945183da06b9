/**
 * Stage 8: packaging. Writes a compiled model to a jar that needs only the Geo runtime: the
 * classes, {@code META-INF/geo/models.json} (descriptors and default parameters), the source.
 */
package geo.compiler.jar;
