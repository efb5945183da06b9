/**
 * Stage 7: bytecode. Emits one JVM class per model with ASM: each kernel is a method with a
 * primitive signature (flat {@code double[]} arguments, caller-owned outputs), split into static
 * segment methods when its code would exceed the JIT's 8,000-byte limit, intermediates passed
 * through the instance's work array; outputs that are constants are written by methods of their
 * own, and a tree of calling methods keeps the kernel's own method small however many segments
 * there are. Every method is measured with {@code CodeSizeEvaluator}; line numbers point at the
 * {@code .geo} declaration a kernel derives from. Where the DAG repeats one operation over vectors
 * (a dense layer's sums of products, the rows δhᵀ of its weight gradient), {@code LoopFinder}
 * finds the runs, grouped by matrix, and {@code LoopCode} emits each as a call of a small loop
 * helper the class gets a copy of ({@code LoopTemplates}), performing the same operations in the
 * same order. A class beyond the class-file format's
 * limits is a {@link geo.compiler.emit.ClassLimitException}.
 */
package geo.compiler.emit;
