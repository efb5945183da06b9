package geo.runtime.learn.embed;

import java.util.Optional;
import java.util.function.Function;

/** Looking a setting up by the name the CLI and the option records use for it (its key). */
final class Keys {

    private Keys() {
    }

    /** The first of {@code values} whose key is {@code wanted}, or empty (keys are compared exactly). */
    static <E> Optional<E> find(E[] values, Function<? super E, String> key, String wanted) {
        for (E v : values) {
            if (key.apply(v).equals(wanted)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
