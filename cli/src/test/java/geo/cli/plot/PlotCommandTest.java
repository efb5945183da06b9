package geo.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.Geo;
import geo.cli.common.ExitCodes;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** {@code geo plot} through {@link Main#run} ({@link Geo}): the files it writes and its errors. */
class PlotCommandTest {

    private static final Path EXAMPLES = Path.of(System.getProperty("geo.examples.dir", "../examples"));
    private static final String POINCARE = EXAMPLES.resolve("poincare.geo").toString();

    /** The colours ModelPlot draws with: ellipse outlines, the fan, the geodesic between two points. */
    private static final Color ELLIPSE = new Color(0x1f, 0x77, 0xb4);
    private static final Color FAN = new Color(0xe6, 0x7e, 0x22);
    private static final Color BETWEEN = new Color(0xc0, 0x1f, 0x3c);

    @TempDir
    Path dir;

    private static Geo.Outcome geo(String... args) {
        return Geo.geo(args);
    }

    /** Pixels within {@code tolerance} of {@code c} in every channel, in the given rectangle of the image. */
    private static int count(BufferedImage image, Color c, int tolerance, int x0, int y0, int x1, int y1) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                Color p = new Color(image.getRGB(x, y));
                if (Math.abs(p.getRed() - c.getRed()) <= tolerance && Math.abs(p.getGreen() - c.getGreen()) <= tolerance
                        && Math.abs(p.getBlue() - c.getBlue()) <= tolerance) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void jsonSaysWhatWasDrawn() {
        Path png = dir.resolve("j.png");
        Geo.Outcome o = geo("plot", POINCARE, "-o", png.toString(), "--between", "0,0", "0.5,0.2", "--json");
        assertEquals(0, o.exit(), o.err());
        java.util.Map<?, ?> doc = (java.util.Map<?, ?>) geo.runtime.api.Json.parse(o.out());
        assertEquals(png.toString(), doc.get("file"));
        assertEquals("PoincareBall", doc.get("manifold"));
        java.util.List<?> drawn = (java.util.List<?>) doc.get("drawn");
        assertTrue(drawn.stream().anyMatch(l -> l.toString().startsWith("geodesic (0, 0) → (0.5, 0.2): length ")),
                drawn.toString());
    }

    @Test
    void pngHasTheRequestedSizeAndTheLayersColours() throws Exception {
        Path png = dir.resolve("fig.png");
        Geo.Outcome o = geo("plot", POINCARE, "--out", png.toString(), "--width", "640", "--height", "560",
                "--geodesics-from", "0.2,0.1", "--between", "0.1,0.2", "-0.5,-0.4");
        assertEquals(0, o.exit(), o.err());
        assertEquals("", o.err());
        assertTrue(o.out().startsWith("wrote " + png + " (640 × 560 pixels)"), o.out());
        assertTrue(o.out().contains("metric ellipses: 69 on a 9 × 9 grid, scale s = 0.2"), o.out());
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "ImageIO must read the PNG");
        assertEquals(640, image.getWidth());
        assertEquals(560, image.getHeight());
        int w = image.getWidth();
        int h = image.getHeight();
        // The ball fills the middle of the picture: ellipse outlines there, the fan's and the geodesic's colours too
        // (the geodesic from (0.1, 0.2) to (-0.5, -0.4) runs left of and below the centre).
        assertTrue(count(image, ELLIPSE, 12, w / 3, h / 3, 2 * w / 3, 2 * h / 3) > 200, "ellipses in the middle");
        assertTrue(count(image, FAN, 12, w / 4, h / 4, 3 * w / 4, 3 * h / 4) > 100, "the fan near the middle");
        assertTrue(count(image, BETWEEN, 12, 0, 0, w / 2 + 20, h) > 100, "the geodesic in the left half");
        // The large discs at the centre hold more of the ellipse colour than a band of equal width near the boundary.
        int centre = count(image, ELLIPSE, 12, 3 * w / 8, 0, 5 * w / 8, h);
        int edge = count(image, ELLIPSE, 12, w / 8, 0, w / 4, h);
        assertTrue(centre > 2 * edge, "centre " + centre + " vs edge " + edge);
        assertEquals(Color.WHITE.getRGB(), image.getRGB(2, 2), "the background is white");
    }

    @Test
    void svgIsXmlWithPathsAndTheTitle() throws Exception {
        Path svg = dir.resolve("fig.svg");
        Geo.Outcome o = geo("plot", POINCARE, "-o", svg.toString(), "--geodesics-from", "0,0", "--fan", "6");
        assertEquals(0, o.exit(), o.err());
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", doc.getDocumentElement().getTagName());
        NodeList paths = doc.getElementsByTagName("path");
        // 69 ellipses, the boundary circle and 6 geodesics at the least.
        assertTrue(paths.getLength() >= 76, "paths: " + paths.getLength());
        NodeList texts = doc.getElementsByTagName("text");
        boolean titled = false;
        for (int i = 0; i < texts.getLength(); i++) {
            titled |= texts.item(i).getTextContent().equals("PoincareBall");
        }
        assertTrue(titled, "the title is the model's name");
    }

    @Test
    void aFanRunningIntoTheBoundaryDoesNotCrash() {
        Path png = dir.resolve("fan.png");
        Geo.Outcome o = geo("plot", POINCARE, "-o", png.toString(), "--grid", "0", "--geodesics-from", "0.5,0.3",
                "--fan", "24", "--length", "60");
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("24 geodesics from (0.5, 0.3), g-length 60"), o.out());
        assertTrue(Files.isRegularFile(png));
    }

    @Test
    void aSliceOfAFiveDimensionalBall() {
        Geo.Outcome o = geo("plot", EXAMPLES.resolve("poincare5.geo").toString(), "-o", dir.resolve("s.png").toString(),
                "--dims", "0,4", "--at", "0,0.5,0,0,0", "--geodesics-from", "0.3,0");
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("geodesics (projected) from (0.3, 0)"), o.out());
    }

    private void usage(String expected, String... args) {
        Geo.Outcome o = geo(args);
        assertEquals(ExitCodes.USAGE, o.exit(), o.out() + o.err());
        assertTrue(o.err().startsWith("geo plot: ") || o.err().startsWith("geo: "), o.err());
        assertTrue(o.err().contains(expected), "expected '" + expected + "' in: " + o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
    }

    @Test
    void badInputIsAUsageError() throws Exception {
        String png = dir.resolve("x.png").toString();
        usage("cannot read nothere.geo: no such file", "plot", "nothere.geo", "-o", png);
        usage("--geodesics-from: 'x' is not a number", "plot", POINCARE, "-o", png, "--geodesics-from", "0.1,x");
        usage("--between needs 2 numbers, got 3", "plot", POINCARE, "-o", png, "--between", "0,0,0", "0.1,0");
        usage("--range needs xmin < xmax and ymin < ymax", "plot", POINCARE, "-o", png, "--range", "1,-1,-1,1");
        usage("--grid needs a whole number from 0 to 60, got -1", "plot", POINCARE, "-o", png, "--grid", "-1");
        usage("Invalid value for option '--width'", "plot", POINCARE, "-o", png, "--width", "wide");
        usage("manifold ConstantSPD has 3 coordinates and a plot shows 2: choose them with --dims i,j",
                "plot", EXAMPLES.resolve("spd.geo").toString(), "-o", png);
        usage("--at needs 5 numbers", "plot", EXAMPLES.resolve("poincare5.geo").toString(), "-o", png,
                "--dims", "0,1", "--at", "0,0");
        usage("--geodesics-from (1.5, 0) lies outside the domain ball(1.0)", "plot", POINCARE, "-o", png,
                "--geodesics-from", "1.5,0");
        usage("cannot write " + dir.resolve("no/x.png") + ": no such directory", "plot", POINCARE,
                "-o", dir.resolve("no/x.png").toString());
        Path folder = Files.createDirectory(dir.resolve("folder.png"));
        usage("cannot write " + folder + ": it is a directory", "plot", POINCARE, "-o", folder.toString());
        usage("cannot tell the format of " + dir.resolve("x.gif") + ": name it .png or .svg", "plot", POINCARE,
                "-o", dir.resolve("x.gif").toString());
        usage("manifold Obstacle has a lagrangian only", "plot", EXAMPLES.resolve("obstacle.geo").toString(), "-o", png);
        assertFalse(Files.exists(Path.of(png)), "nothing is written on a usage error");
    }

    @Test
    void aGeodesicThatCannotBeFoundIsANumericalFailure() {
        Geo.Outcome o = geo("plot", POINCARE, "-o", dir.resolve("x.png").toString(),
                "--between", "-0.999999,0", "0.999999,0.001");
        assertEquals(ExitCodes.RUNTIME_FAILURE, o.exit(), o.err());
        assertTrue(o.err().startsWith("geo plot: no geodesic (-0.999999, 0) → (0.999999, 0.001): the logarithm did "
                + "not converge"), o.err());
    }
}
