/** Small dense linear algebra the solvers share: allocation-free, for the d×d systems of geometry. */
package geo.runtime.linalg;
