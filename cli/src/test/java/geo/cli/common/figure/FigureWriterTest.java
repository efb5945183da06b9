package geo.cli.common.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.common.figure.Figure.Point;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@link FigureWriter} on figures that are not a model's: a small graph, as an embedding would draw it. */
class FigureWriterTest {

    private static final Figure.Style EDGE = new Figure.Style(Color.GRAY, 1f, true, null);
    private static final Figure.Style NODE = new Figure.Style(Color.BLACK, 1f, false, Color.RED);

    @TempDir
    Path dir;

    private static Figure graph(boolean equalAspect) {
        Point a = new Point(0, 0);
        Point b = new Point(4, 0);
        Point c = new Point(2, 1);
        return new Figure("a graph", "", "u", "v", new Figure.Bounds(-0.5, 4.5, -0.5, 1.5), equalAspect, List.of(
                new Figure.Segments("edges", EDGE, List.of(new Figure.Segment(a, b), new Figure.Segment(b, c),
                        new Figure.Segment(c, a))),
                new Figure.Points("nodes", NODE, List.of(a, b, c), List.of("alpha", "beta", "gamma"))));
    }

    @Test
    void aGraphAsSvgHasItsLabelsAndEdges() throws Exception {
        Path svg = dir.resolve("graph.svg");
        FigureWriter.write(graph(true), svg, 500, 300);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(svg.toFile());
        NodeList texts = doc.getElementsByTagName("text");
        List<String> words = new ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            words.add(texts.item(i).getTextContent().strip());
        }
        // All text stays text, the rotated label of the vertical axis too, in a family any viewer has.
        assertTrue(words.containsAll(List.of("a graph", "alpha", "beta", "gamma", "edges", "nodes", "u", "v")),
                words.toString());
        assertTrue(doc.getElementsByTagName("line").getLength() + doc.getElementsByTagName("path").getLength() >= 3);
        Element root = doc.getDocumentElement();
        assertEquals("sans-serif", root.getAttribute("font-family"));
        // A browser opens it at its size in pixels, and scales it by the viewBox.
        assertEquals("500", root.getAttribute("width"));
        assertEquals("300", root.getAttribute("height"));
        assertEquals("0 0 500 300", root.getAttribute("viewBox"));
    }

    @Test
    void equalAspectGivesAUnitTheSameLengthOnBothAxes() {
        for (boolean equal : new boolean[] {true, false}) {
            JFreeChart chart = FigureWriter.chart(graph(equal), 600, 600);
            ChartRenderingInfo info = new ChartRenderingInfo();
            BufferedImage scratch = new BufferedImage(600, 600, BufferedImage.TYPE_INT_RGB);
            chart.draw(scratch.createGraphics(), new Rectangle(600, 600), info);
            Rectangle2D area = info.getPlotInfo().getDataArea();
            XYPlot plot = chart.getXYPlot();
            double xPerPixel = plot.getDomainAxis().getRange().getLength() / area.getWidth();
            double yPerPixel = plot.getRangeAxis().getRange().getLength() / area.getHeight();
            if (equal) {
                // Within a pixel's worth over the whole axis: tick labels may shift the layout by a pixel.
                assertEquals(xPerPixel, yPerPixel, xPerPixel / area.getHeight() * 2, "units per pixel");
                assertTrue(plot.getDomainAxis().getRange().contains(4.5) && plot.getRangeAxis().getRange().contains(1.5));
            } else {
                assertTrue(yPerPixel < 0.5 * xPerPixel, "a free aspect stretches the 5 × 2 window to the square");
            }
        }
    }

    @Test
    void unknownExtensionsAndSizesAreUsageErrors() {
        PlotException e = assertThrows(PlotException.class,
                () -> FigureWriter.write(graph(true), dir.resolve("g.bmp"), 500, 300));
        assertTrue(e.isUsage());
        assertThrows(PlotException.class, () -> FigureWriter.write(graph(true), dir.resolve("g.png"), 50, 300));
    }
}
