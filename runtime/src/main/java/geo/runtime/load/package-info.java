/**
 * Loading compiled models: from a jar written by {@code geo compile} ({@link geo.runtime.load.Models#load})
 * or from class files compiled in the same process ({@link geo.runtime.load.Models#define}), each
 * set in its own class loader, into typed handles ({@link geo.runtime.load.Model}).
 */
package geo.runtime.load;
