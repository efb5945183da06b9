/**
 * Stage 5: geometry derivations. From a lowered metric g(x; θ) or Lagrangian L(x, v, t; θ), build
 * as IR (never bytecode) what the solvers and learning loops need: Christoffel symbols, the
 * geodesic spray in its cheap form, the Euler–Lagrange acceleration, curvature, the JVP/VJP
 * and gradient kernels, and whole integrator steps with their VJPs split at the residuals.
 * Everything here is tested as printed text and against the interpreter.
 */
package geo.compiler.derive;
