package geo.cli.solve;

import geo.cli.common.UsageException;
import geo.runtime.api.Domain;
import geo.runtime.load.Model;
import java.util.Arrays;

/**
 * Points given on the command line or in a data file must lie in the model's declared domain:
 * a point outside it (or on its boundary) is a usage error (exit 64) that names the point, where
 * it came from and the domain, found before any solver runs.
 */
final class Points {

    private Points() {
    }

    /**
     * A usage error unless x lies in the domain of {@code model} ({@link Domain#check}).
     *
     * @param where where x came from, e.g. {@code --x} or {@code pairs.csv:3: y}
     */
    static void require(String where, double[] x, Model model) throws UsageException {
        String reason = check(where, x, model);
        if (reason != null) {
            throw new UsageException(reason);
        }
    }

    /** Why x is not a point of the model's chart, as a message naming {@code where}; null when it is one. */
    static String check(String where, double[] x, Model model) {
        Domain domain = model.descriptor().domain();
        String reason = domain.check(x);
        if (reason == null) {
            return null;
        }
        String p = Arrays.toString(x);
        return where + " (" + p.substring(1, p.length() - 1) + ") is outside the domain " + domain + " of manifold "
                + model.name() + ": " + reason;
    }
}
