package geo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import geo.cli.common.Io;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/**
 * Start-up (issue 23): {@code geo COMMAND} builds picocli's model of that command only, not of all
 * twelve; the registry's names are the commands' own; the training run of the start-up archive
 * succeeds.
 */
class StartupTest {

    private static Set<String> registered(String... args) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Io io = new Io(new ByteArrayInputStream(new byte[0]), sink, sink);
        return new TreeSet<>(Main.commandLine(new Main(io), new Main.Factory(io), args).getSubcommands()
                .keySet());
    }

    @Test
    void aNamedCommandIsTheOnlyOneRegistered() {
        assertEquals(Set.of("check"), registered("check", "a.geo"));
        assertEquals(Set.of("dist"), registered("--debug", "dist", "m.geo", "--x", "0,0", "--y", "1,1"));
        assertEquals(Set.of("show"), registered("show", "--help"));
    }

    @Test
    void helpUsageAndUnknownCommandsRegisterAll() {
        Set<String> all = new TreeSet<>(Main.COMMANDS.keySet());
        assertEquals(20, all.size());
        for (List<String> args : List.of(List.<String>of(), List.of("--help"), List.of("--version"), List.of("help", "check"),
                List.of("chek", "a.geo"))) {
            assertEquals(all, registered(args.toArray(String[]::new)), args.toString());
        }
    }

    @Test
    void eachNameIsItsCommandsOwn() {
        Main.COMMANDS.forEach((name, cls) -> assertEquals(name, cls.getAnnotation(Command.class).name(), cls.getName()));
    }

    @Test
    void theArchiveTrainingRunsCheckShowDistAndVersion() throws Exception {
        assertEquals(0, StartupTraining.train());
    }
}
