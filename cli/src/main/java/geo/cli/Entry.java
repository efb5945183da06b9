package geo.cli;

import geo.cli.common.Io;
import geo.cli.language.CheckCommand;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The class {@code ./geo} starts: {@code geo check FILE...} runs here without picocli, and
 * everything else goes to {@link Main}. A class of its own because {@link Main}'s initialisation
 * loads every command class and picocli's help command, which {@code geo check} does not need
 * (issue 23; bench/RESULTS.md, "Start-up"). {@code java -jar geo.jar} starts {@link Main}, which
 * takes the same short path after its initialisation.
 */
public final class Entry {

    private Entry() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        List<Path> files = plainCheck(args);
        System.exit(files != null ? check(new Io(System.in, out, err), files)
                : Main.run(args, System.in, out, err));
    }

    /**
     * The files of {@code geo check FILE...} when that is the whole command line (no option, no
     * {@code @argfile}, no {@code --}, every name a valid path), else null: picocli parses
     * everything else, so options, help and usage errors behave exactly as before.
     */
    static List<Path> plainCheck(String[] args) {
        if (args.length < 2 || !args[0].equals("check")) {
            return null;
        }
        List<Path> files = new ArrayList<>(args.length - 1);
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.isEmpty() || a.startsWith("-") || a.startsWith("@")) {
                return null;
            }
            try {
                files.add(Path.of(a));
            } catch (InvalidPathException e) {
                return null;
            }
        }
        return files;
    }

    /**
     * {@code geo check FILE...} with every option at its default, without picocli: building
     * picocli's model of even this one command (reflection over its options; some 175 picocli
     * classes that the start-up archive cannot hold) was about half of what {@code geo check} did
     * after the JVM had started. Exceptions are reported as {@link Main} reports a command's.
     */
    static int check(Io io, List<Path> files) {
        try {
            return CheckCommand.of(io, files).call();
        } catch (RuntimeException e) {
            return Main.internalError(e, false, io.err());
        }
    }
}
