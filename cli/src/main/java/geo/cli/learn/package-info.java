/**
 * The learning commands, one subpackage per task ({@link geo.cli.learn.embed}); tasks do not
 * import each other (architecture.md, "Package rules"). This package itself holds no classes.
 */
package geo.cli.learn;
