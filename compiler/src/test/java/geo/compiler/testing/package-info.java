/** Test helpers shared by the IR, AD, interpreter and printer tests: an expression reader, random DAGs, finite differences. */
package geo.compiler.testing;
