/**
 * What every learning task shares: the epoch loop with its stopping rules and best-epoch
 * snapshot ({@link geo.runtime.learn.EpochLoop}), the option records {@link geo.runtime.learn.Stopping}
 * and {@link geo.runtime.learn.Execution}, seeded shuffles, listeners and the status of a run.
 * Each task is a subpackage ({@code embed}: graph embedding) that imports this package and the
 * runtime libraries, never another task's package; no library package imports {@code learn}.
 */
package geo.runtime.learn;
