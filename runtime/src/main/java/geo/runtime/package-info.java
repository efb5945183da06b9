/**
 * The Geo runtime: what a compiled model needs at run time. {@code api} holds the interfaces
 * generated classes implement; {@code load} loads model jars. Depends on no other Geo module, so
 * a model jar runs with only the runtime on the class path.
 */
package geo.runtime;
