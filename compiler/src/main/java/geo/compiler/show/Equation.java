package geo.compiler.show;

import geo.compiler.ir.Node;

/**
 * One displayed equation {@code name = expression}.
 *
 * @param name      the left-hand side as text, e.g. {@code Γ^theta_phi,phi}
 * @param latexName the left-hand side in LaTeX, e.g. {@code \Gamma^{\theta}_{\phi\phi}}
 * @param display   the right-hand side simplified for reading
 * @param exact     the right-hand side as derived, which values are computed from
 */
public record Equation(String name, String latexName, Node display, Node exact) {
}
