package geo.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Progress of long work: nothing for short work, a self-erasing counter on a terminal, plain lines otherwise. */
class ProgressTest {

    @Test
    void shortWorkPrintsNothing() {
        StringWriter terminal = new StringWriter();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        Progress p = Progress.start(new PrintWriter(terminal), new PrintStream(plain), "compiling");
        assertEquals("", terminal.toString());
        p.close();
        assertEquals("", terminal.toString());
        assertEquals(0, plain.size());
    }

    @Test
    void terminalCounterIsErasedAtTheEnd() throws InterruptedException {
        StringWriter terminal = new StringWriter();
        Progress p = Progress.start(new PrintWriter(terminal), System.err, "compiling", 20, 20);
        Thread.sleep(150);
        p.close();
        String s = terminal.toString();
        assertTrue(s.startsWith("\rcompiling... 0 s"), s);
        assertTrue(s.endsWith("\r\033[K"), s);
    }

    @Test
    void plainLinesGoToTheGivenStream() throws InterruptedException {
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        Progress p = Progress.start(null, new PrintStream(plain, true, StandardCharsets.UTF_8), "compiling", 20, 20);
        Thread.sleep(150);
        p.close();
        String s = plain.toString(StandardCharsets.UTF_8);
        assertTrue(s.startsWith("geo repl: still compiling (0 s)\n"), s);
    }
}
