package geo.cli;

import static geo.cli.Geo.geo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.Geo.Outcome;
import geo.cli.common.ExitCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input that is not Geo gives a bounded, readable answer (issue 13, item 8): a run of bad
 * characters is one error, at most 100 errors per file are shown (--max-errors), long lines are
 * shown as a window around the caret, and binary files are refused with the offset of the first
 * bad byte.
 */
class ErrorFloodTest {

    @TempDir
    Path dir;

    private static final Pattern ERROR = Pattern.compile(": error: ");

    private static int count(String text) {
        Matcher m = ERROR.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** 16 KB of '@' on one line: one error, a few hundred bytes (it was 16,000 errors and 385 MB). */
    @Test
    void aLineOfBadCharactersIsOneShortError() throws IOException {
        Path f = Files.writeString(dir.resolve("at.geo"), "@".repeat(16_000) + "\n");
        for (String command : new String[] {"check", "show", "compile"}) {
            Outcome o = geo(command, f.toString());
            assertEquals(ExitCodes.COMPILE_ERROR, o.exit(), o.err());
            assertEquals(1, count(o.err()), o.err());
            assertTrue(o.err().startsWith(f + ":1:1: error: 16000 unexpected characters, starting with '@'\n"
                    + "@".repeat(120) + "\u2026\n^" + "~".repeat(119) + "\n"), o.err());
            assertTrue(o.err().length() < 600, o.err().length() + " bytes");
        }
    }

    /** A Markdown page: the first 100 errors, then the count of the others; --max-errors changes the cap. */
    @Test
    void markdownShowsTheFirstHundredErrors() throws IOException {
        StringBuilder md = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            md.append("## Section ").append(i).append("\n\nSome `code`, a [link](x.md) and *emphasis*.\n\n");
        }
        Path f = Files.writeString(dir.resolve("notes.md"), md.toString());
        Outcome o = geo("check", f.toString());
        assertEquals(ExitCodes.COMPILE_ERROR, o.exit());
        assertEquals(100, count(o.err()), o.err());
        Matcher total = Pattern.compile("\n(\\d+) more errors not shown\n" + Pattern.quote(f.toString())
                + ": (\\d+) errors\n$").matcher(o.err());
        assertTrue(total.find(), o.err());
        assertEquals(Integer.parseInt(total.group(2)) - 100, Integer.parseInt(total.group(1)));
        assertTrue(o.err().length() < 64 * 1024, o.err().length() + " bytes");

        Outcome five = geo("check", "--max-errors", "5", f.toString());
        assertEquals(5, count(five.err()), five.err());
        assertTrue(five.err().contains("\n" + (Integer.parseInt(total.group(2)) - 5) + " more errors not shown\n"));
        Outcome json = geo("check", "--json", "--max-errors", "3", f.toString());
        assertTrue(json.out().contains("\"errorsNotShown\": " + (Integer.parseInt(total.group(2)) - 3)), json.out());
        for (String command : new String[] {"show", "compile"}) {
            Outcome c = geo(command, f.toString(), "--max-errors", "2");
            assertEquals(ExitCodes.COMPILE_ERROR, c.exit());
            assertEquals(2, count(c.err()), c.err());
        }
        for (String command : new String[] {"check", "show", "compile"}) {
            Outcome bad = geo(command, f.toString(), "--max-errors", "0");
            assertEquals(ExitCodes.USAGE, bad.exit());
            assertTrue(bad.err().contains("--max-errors must be at least 1, got 0"), bad.err());
        }
    }

    /** A jar, a PNG and Latin-1 text are refused as not UTF-8 text, with the offset of the first bad byte. */
    @Test
    void binaryFilesAreSaidToBeBinary() throws IOException {
        Path jar = Files.write(dir.resolve("model.jar.geo"), new byte[] {'P', 'K', 3, 4, 20, 0, 8, 0});
        Path png = Files.write(dir.resolve("plot.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 26, '\n'});
        Path latin1 = Files.write(dir.resolve("latin1.geo"), "// caf\u00e9\nlet a = 1;\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        for (String command : new String[] {"check", "show", "compile"}) {
            Outcome a = geo(command, jar.toString());
            assertEquals(ExitCodes.USAGE, a.exit());
            assertEquals("geo " + command + ": cannot read " + jar + ": not a UTF-8 text file: a NUL byte at offset 5\n",
                    a.err());
            Outcome b = geo(command, png.toString());
            assertEquals(ExitCodes.USAGE, b.exit());
            assertTrue(b.err().contains("not a UTF-8 text file: byte 0x89 at offset 0 is not UTF-8"), b.err());
            Outcome c = geo(command, latin1.toString());
            assertTrue(c.err().contains("not a UTF-8 text file: byte 0xE9 at offset 6 is not UTF-8"), c.err());
        }
        Outcome dist = geo("dist", png.toString(), "--x", "0", "--y", "1");
        assertEquals(ExitCodes.USAGE, dist.exit());
        assertTrue(dist.err().contains("not a UTF-8 text file: byte 0x89 at offset 0"), dist.err());
    }

    /** An import of a binary file is an error at the import. */
    @Test
    void importOfABinaryFile() throws IOException {
        Files.write(dir.resolve("lib.geo"), new byte[] {'l', 'e', 't', 0});
        Path main = Files.writeString(dir.resolve("main.geo"), "import \"lib.geo\";\n");
        Outcome o = geo("check", main.toString());
        assertEquals(ExitCodes.COMPILE_ERROR, o.exit());
        assertTrue(o.err().contains(":1:8: error: cannot import \"lib.geo\": not a UTF-8 text file: a NUL byte at "
                + "offset 3\n"), o.err());
    }

    /** The REPL's :load refuses binary files the same way and caps the errors of a file. */
    @Test
    void replLoad() throws IOException {
        Path png = Files.write(dir.resolve("plot.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Path md = Files.writeString(dir.resolve("notes.md"), "# Title\n\nText with `code`.\n".repeat(100));
        Outcome o = Geo.run(":load " + png + "\n:load " + md + "\n", "repl", "--quiet");
        assertEquals(ExitCodes.OK, o.exit(), o.err());
        assertTrue(o.out().contains("error: cannot read " + png + ": not a UTF-8 text file: byte 0x89 at offset 0 is "
                + "not UTF-8\n"), o.out());
        assertEquals(100, count(o.out()), o.out());
        assertTrue(o.out().contains(" more errors not shown\n"), o.out());
    }
}
