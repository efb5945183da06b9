package geo.cli.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Progress of long work: nothing for short work, a self-erasing line on a terminal, plain lines
 * otherwise; counts, rates and times of determinate work.
 */
class ProgressTest {

    private static Progress.Output plain(ByteArrayOutputStream bytes) {
        return Progress.Output.plain(new PrintStream(bytes, true, StandardCharsets.UTF_8), "geo repl");
    }

    @Test
    void shortWorkPrintsNothing() {
        StringWriter terminal = new StringWriter();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress t = Progress.start(Progress.Output.terminal(new PrintWriter(terminal)), "compiling", 0);
        Progress p = Progress.start(plain(bytes), "distances", 100);
        p.advance(100);
        t.close();
        p.close();
        assertEquals("", terminal.toString());
        assertEquals(0, bytes.size());
    }

    @Test
    void terminalLineIsRedrawnAndErasedAtTheEnd() throws InterruptedException {
        StringWriter terminal = new StringWriter();
        Progress p = Progress.start(Progress.Output.terminal(new PrintWriter(terminal)).every(20, 20), "compiling", 0);
        Thread.sleep(150);
        p.close();
        String s = terminal.toString();
        assertTrue(s.startsWith("\r\033[Kcompiling... 0 s"), s);
        assertTrue(s.endsWith("\r\033[K"), s);
        assertTrue(!s.contains("\n"), s);
    }

    @Test
    void plainLinesGoToTheGivenStream() throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Progress p = Progress.start(plain(bytes).every(20, 20), "compiling", 0);
        Thread.sleep(150);
        p.close();
        String s = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(s.startsWith("geo repl: still compiling (0 s)\n"), s);
    }

    @Test
    void determinateWorkShowsCountRateAndTimeLeft() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Progress p = Progress.start(plain(bytes), "training", 200)) {
            p.set(50, "loss 0.5");
            // 50 of 200 in 10 s: 5 per second, so 150 more take 30 s.
            assertEquals("training 50/200 (25%), 5.00/s, 10 s, about 30 s left, loss 0.5", p.line(10));
            p.set(200, "");
            assertEquals("training 200/200 (100%), 20/s, 10 s", p.line(10));
        }
        StringWriter terminal = new StringWriter();
        try (Progress p = Progress.start(Progress.Output.terminal(new PrintWriter(terminal)), "distances", 8)) {
            p.advance(2);
            assertEquals("distances [######..................] 2/8 (25%), 0.50/s, 4 s, about 12 s left", p.line(4));
        }
    }

    @Test
    void advanceIsThreadSafe() throws InterruptedException {
        try (Progress p = Progress.start(plain(new ByteArrayOutputStream()), "distances", 8000)) {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Thread t = new Thread(() -> {
                    for (int k = 0; k < 1000; k++) {
                        p.advance();
                    }
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(8000, p.done());
        }
    }

    @Test
    void durationsReadNaturally() {
        assertEquals("59 s", Progress.duration(59.4));
        assertEquals("3 min 05 s", Progress.duration(185));
        assertEquals("2 h 07 min", Progress.duration(7620));
        assertThrows(IllegalArgumentException.class, () -> Progress.start(plain(new ByteArrayOutputStream()), "x", -1));
    }
}
