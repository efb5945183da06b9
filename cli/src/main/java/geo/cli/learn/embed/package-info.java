/**
 * {@code geo embed}: graph embedding in a closed-form space or a learned {@code .geo} metric —
 * the command, its graph sources (edge lists and generators), its report (distortion, MAP, the
 * Markdown row) and its picture. On top of {@code geo.runtime.learn}.
 */
package geo.cli.learn.embed;
