/**
 * The population-snapshot commands (issue 18): {@code geo snapshots} (the three synthetic sets of
 * Scarvelis &amp; Solomon 2023 from their true fields, bundled as resources), {@code geo learn-metric}
 * (the Lagrangian-OT method or Scarvelis &amp; Solomon's, with the alignment score and a picture) and
 * {@code geo align} (the score of saved parameters). The work is in {@code geo.runtime.learn.population}.
 */
package geo.cli.learn.population;
