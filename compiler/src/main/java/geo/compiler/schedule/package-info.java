/**
 * Stage 6: scheduling. Orders the nodes of a kernel's DAG (children first, shared nodes once),
 * rewrites the patterns the emitter computes more cheaply (a + (−1)·b as a − b, a·b^(−k) as a / b^k),
 * cuts the order into segments that each compile to a method under the JIT's size limit, and
 * assigns every value a JVM local (reused after its last use) or, when a later segment needs
 * it, a slot of the work array.
 */
package geo.compiler.schedule;
