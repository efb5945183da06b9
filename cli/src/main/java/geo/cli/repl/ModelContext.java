package geo.cli.repl;

import geo.compiler.check.CheckedProgram;
import geo.compiler.driver.Compiler;
import geo.compiler.source.SourceFile;
import geo.runtime.load.ModelSet;

/**
 * The session's current model, as an {@link Evaluator} sees it. The compiled classes are made on
 * first use and kept until the model changes, so evaluating many expressions compiles once.
 */
public interface ModelContext {

    /** True when the model checked without errors and declares at least one manifold or loss. */
    boolean ready();

    /** One line for the user: why the model is not ready, or a summary of it when it is. */
    String status();

    /** The checked program, or null when the model is not {@link #ready()}. */
    CheckedProgram program();

    /** The model's source text as the compiler saw it. */
    SourceFile source();

    /**
     * The model compiled to classes.
     *
     * @throws EvaluationException when the model is not {@link #ready()}
     */
    Compiler.Compiled compiled() throws EvaluationException;

    /**
     * The compiled model loaded in this process: kernels and descriptors by manifold name.
     *
     * @throws EvaluationException when the model is not {@link #ready()}
     */
    ModelSet models() throws EvaluationException;
}
