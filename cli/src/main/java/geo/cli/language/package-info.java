/**
 * The commands on the language itself: {@code geo check} (diagnostics), {@code geo show} (the
 * derived equations, as text, LaTeX or JSON) and {@code geo compile} (a model jar). On top of the
 * compiler's front end and driver.
 */
package geo.cli.language;
