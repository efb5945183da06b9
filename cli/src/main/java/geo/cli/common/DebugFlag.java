package geo.cli.common;

/**
 * The root command's {@code --debug} switch (show Java stack traces of internal failures), seen by
 * subcommands through picocli's {@code @ParentCommand} without importing the root package.
 */
public interface DebugFlag {

    /** Whether {@code --debug} was given. */
    boolean debug();
}
