package geo.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.Geo;
import geo.cli.common.ExitCodes;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.jline.reader.Candidate;
import org.jline.reader.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code :plot} in a scripted session, and its completion. */
class ReplPlotTest {

    @TempDir
    Path dir;

    private static String answers(String input) {
        Geo.Outcome r = Geo.run(input, "repl", "--quiet");
        assertEquals(ExitCodes.OK, r.exit());
        assertEquals("", r.err());
        return r.out();
    }

    @Test
    void plotsTheSessionModelAndReportsMistakesAsOneLine() throws Exception {
        Path png = dir.resolve("ball.png");
        String out = answers(":plot " + png + "\n"
                + "coords x[2] in ball(1)\n"
                + "metric g = (2 / (1 - dot(x, x)))^2 * eye(2)\n"
                + ":plot " + png + " --grid 5 --geodesics-from 0.1,0 --fan 4 --width 300 --height 200\n"
                + ":plot " + dir.resolve("ball.jpg") + "\n"
                + ":plot " + png + " --between 0,0\n"
                + ":plot " + png + " --geodesics-from 2,0\n");
        List<String> lines = out.lines().toList();
        assertEquals("error: the session is empty: declare coords and a metric, or :load a file", lines.get(0), out);
        assertEquals("wrote " + png + " (300 × 200 pixels)", lines.get(3), out);
        assertEquals("metric ellipses: 21 on a 5 × 5 grid, scale s = 0.36; 4 grid points outside the domain",
                lines.get(4), out);
        assertEquals("4 geodesics from (0.1, 0), g-length 2.02", lines.get(5), out);
        assertEquals("error: :plot: cannot tell the format of " + dir.resolve("ball.jpg") + ": name it .png or .svg",
                lines.get(6), out);
        assertTrue(lines.get(7).startsWith("error: :plot: option '--between' at index 0 (x1,x2) requires at least 2 "
                + "values"), out);
        assertEquals("error: :plot: --geodesics-from (2, 0) lies outside the domain ball(1.0)", lines.get(8), out);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(300, image.getWidth());
        assertEquals(200, image.getHeight());
        assertTrue(Files.size(png) > 1000);
    }

    @Test
    void completesFileThenPlotOptions() {
        ReplParser parser = new ReplParser();
        ReplCompleter completer = new ReplCompleter(Set::of);
        String line = ":plot fig.png --";
        List<Candidate> out = new ArrayList<>();
        completer.complete(null, parser.parse(line, line.length(), Parser.ParseContext.COMPLETE), out);
        List<String> values = out.stream().map(Candidate::value).toList();
        assertTrue(values.containsAll(List.of("--geodesics-from", "--between", "--grid", "--range", "--width")),
                values.toString());
    }
}
