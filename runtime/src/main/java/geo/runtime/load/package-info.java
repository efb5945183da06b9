/**
 * Loading compiled models: from a jar written by {@code geo compile} ({@link geo.runtime.load.Models#load}),
 * whose digests, format and runtime API fingerprint are checked before anything of it is parsed or
 * defined ({@link geo.runtime.load.VerifiedJar}), or from class files compiled in the same process
 * ({@link geo.runtime.load.Models#define}), each set in its own class loader, into typed handles
 * ({@link geo.runtime.load.Model}). {@link geo.runtime.load.RuntimeApi} and
 * {@link geo.runtime.load.CodeSource} identify this build.
 */
package geo.runtime.load;
