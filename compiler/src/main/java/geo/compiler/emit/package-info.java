/**
 * Stage 7: bytecode. Emits one JVM class per model with ASM: each kernel is a method with a
 * primitive signature (flat {@code double[]} arguments, caller-owned outputs), split into static
 * segment methods when its code would exceed the JIT's 8,000-byte limit, intermediates passed
 * through the instance's work array. Every method is measured with {@code CodeSizeEvaluator};
 * line numbers point at the {@code .geo} declaration a kernel derives from.
 */
package geo.compiler.emit;
