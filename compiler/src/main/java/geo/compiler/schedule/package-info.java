/**
 * Stage 6: scheduling. Orders the nodes of a kernel's DAG (children first, shared nodes once),
 * computes a + (−1)·b as a − b (exactly the same number, one operation less),
 * cuts the order into segments that each compile to a method under the JIT's size limit, and
 * assigns every value a JVM local (reused after its last use) or, when a later segment needs
 * it, a slot of the work array.
 */
package geo.compiler.schedule;
