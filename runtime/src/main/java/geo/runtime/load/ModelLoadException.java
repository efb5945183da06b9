package geo.runtime.load;

/** A model jar or class set that cannot be used: wrong version, mismatched descriptor, missing class. */
public final class ModelLoadException extends RuntimeException {
    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
