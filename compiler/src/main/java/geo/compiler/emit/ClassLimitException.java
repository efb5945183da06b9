package geo.compiler.emit;

/**
 * A model whose generated class would exceed a limit of the class-file format (JVM
 * Specification §4.1, §4.11): at most 65,535 constant-pool entries and 65,535 methods per class.
 * Kernels are split into methods of any size below the JIT's limit, but every method costs a few
 * constant-pool entries, so a model whose kernels need more than about 20,000 methods (some
 * 120 MB of bytecode) cannot be compiled. Not an internal error: the model is too large, and
 * the message says so for the user.
 */
public final class ClassLimitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The largest constant-pool count and method count of a class file. */
    public static final int CLASS_FILE_LIMIT = 65_535;

    /** @param message what limit the model exceeds, for the user: lower case, one line, no trailing period */
    public ClassLimitException(String message) {
        super(message);
    }
}
