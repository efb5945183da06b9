package geo.cli;

import geo.compiler.driver.BuildId;
import geo.runtime.load.Models;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * {@code geo --version}: the version Maven wrote into {@code version.properties} at build time, and
 * the build identity (a content hash of the compiler's and runtime's classes, {@link BuildId}),
 * which tells apart development builds that all carry the same version.
 */
public final class VersionProvider implements CommandLine.IVersionProvider {

    /** The Geo version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"geo " + version(), "build " + BuildId.currentShort() + " (writes and reads model jars of "
                + "format " + Models.FORMAT + ")", "Java " + System.getProperty("java.version")};
    }
}
