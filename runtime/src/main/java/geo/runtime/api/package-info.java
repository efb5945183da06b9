/**
 * The interfaces generated model classes implement, with a primitive calling convention: flat
 * {@code double[]} inputs, the parameter vector θ as a runtime input (never baked into the code),
 * caller-owned output arrays that are overwritten, and no allocation in any kernel. An instance
 * owns scratch arrays and is therefore not thread-safe: use one instance per thread
 * ({@link geo.runtime.api.CompiledModel#copy()} makes another).
 */
package geo.runtime.api;
