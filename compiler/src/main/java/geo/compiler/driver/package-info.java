/**
 * The front end as one call: {@link geo.compiler.driver.Frontend} reads a file and its imports,
 * parses and checks them on a thread with a deep stack, and returns the checked program or the
 * diagnostics. Later stages (lowering, derivation, code generation) hang off the same driver.
 */
package geo.compiler.driver;
