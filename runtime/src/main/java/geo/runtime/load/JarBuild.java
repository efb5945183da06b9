package geo.runtime.load;

/**
 * Who wrote a model jar, as recorded in its {@code META-INF/geo/digests.json}.
 *
 * @param format          the jar format ({@link Models#FORMAT} for every jar this runtime loads)
 * @param compilerVersion the compiler's version label, e.g. {@code 0.1.0-SNAPSHOT}
 * @param compilerBuild   the compiler's build identity: SHA-256 of the class files and resources
 *                        of the compiler, grammar and runtime it ran with (64 hex digits)
 * @param runtimeApi      the {@link RuntimeApi#fingerprint() fingerprint} of the runtime API the
 *                        classes were generated against (equal to this runtime's, or the jar is refused)
 */
public record JarBuild(int format, String compilerVersion, String compilerBuild, String runtimeApi) {

    /** The first 12 hex digits of the build identity, as printed in messages. */
    public String shortBuild() {
        return compilerBuild.length() > 12 ? compilerBuild.substring(0, 12) : compilerBuild;
    }

    @Override
    public String toString() {
        return "Geo " + compilerVersion + " (build " + shortBuild() + ", jar format " + format + ")";
    }
}
