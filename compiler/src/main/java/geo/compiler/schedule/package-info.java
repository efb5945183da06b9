/**
 * Stage 6: scheduling. Orders the nodes of a kernel's DAG (children first, shared nodes once),
 * computes a + (−1)·b as a − b (exactly the same number, one operation less),
 * cuts the order into segments that each compile to a method under the JIT's size limit (a sum
 * or product too wide for one segment in parts that continue each other's running value), and
 * assigns every value a JVM local (reused after its last use) or, when a later segment needs
 * it, a slot of the work array (reused after the last segment that reads it). {@link
 * geo.compiler.schedule.Loops} (runs of vector products inside sums, runs of outputs) replace
 * straight-line steps: their products are not scheduled as values, and the vectors they read
 * are stored side by side in blocks of the work array.
 */
package geo.compiler.schedule;
