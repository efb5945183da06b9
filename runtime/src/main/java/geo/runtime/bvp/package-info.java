/**
 * Boundary-value problems of geodesics: the logarithm log_x(y) (the initial velocity of the
 * geodesic from x that reaches y at t = 1) by damped Newton shooting on the exponential map,
 * distances d(x, y) = ‖log_x(y)‖_g(x), and their gradients. Results carry a status; an
 * unconverged answer is never returned as if it were one, nor is a geodesic that is not
 * certified to be the shortest ({@link geo.runtime.bvp.Certifier}: periodic images,
 * {@link geo.runtime.bvp.ConjugatePoints}, {@link geo.runtime.bvp.PathSearch}).
 */
package geo.runtime.bvp;
