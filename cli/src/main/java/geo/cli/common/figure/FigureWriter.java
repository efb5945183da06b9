package geo.cli.common.figure;

import geo.cli.common.figure.Figure.Bounds;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Draws a {@link Figure} with JFreeChart and writes it as PNG or SVG (chosen by the file's extension;
 * SVG through Batik's SVG generator).
 * Ellipses and segments are shape annotations under the data (exact shapes, whatever the axis
 * scales); curves and points are series, drawn in layer order above them. The legend lists each
 * layer that has a legend name. For an equal aspect ratio the chart is laid out once to learn the
 * size of its data area, and then one axis's range is widened about its centre until a unit has the
 * same length on both.
 */
public final class FigureWriter {

    static {
        // Rendering needs no display; this must be set before AWT first asks whether it has one.
        System.setProperty("java.awt.headless", "true");
        // JFreeChart's workaround for an old JDK bug draws rotated text (the vertical axis's label) as
        // a TextLayout, which SVG receives as glyph outlines; Java 17 rotates drawString correctly.
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    /** The formats, by file extension. */
    public enum Format {
        PNG, SVG;

        /** The format of {@code file} from its extension. */
        public static Format of(Path file) throws PlotException {
            String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".png")) {
                return PNG;
            }
            if (name.endsWith(".svg")) {
                return SVG;
            }
            throw PlotException.usage("cannot tell the format of " + file + ": name it .png or .svg");
        }
    }

    private static final String FONT = Font.SANS_SERIF;
    private static final Color GRID = new Color(0xdd, 0xdd, 0xdd);

    private FigureWriter() {
    }

    /**
     * Checks before any work that {@code file} has a known extension and can be written: its directory
     * exists and is writable, and the file itself is not a directory or read-only.
     */
    public static Format check(Path file) throws PlotException {
        Format format = Format.of(file);
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw PlotException.usage("cannot write " + file + ": no such directory");
        }
        if (Files.isDirectory(file) || (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(dir))) {
            throw PlotException.usage("cannot write " + file + ": " + (Files.isDirectory(file) ? "it is a directory"
                    : "permission denied"));
        }
        return format;
    }

    /** A usage error unless width × height is a sensible picture size. */
    public static void checkSize(int width, int height) throws PlotException {
        if (width < 200 || height < 200 || width > 20_000 || height > 20_000) {
            throw PlotException.usage("--width and --height need whole numbers of pixels from 200 to 20000, got "
                    + width + " and " + height);
        }
    }

    /** Writes {@code figure} to {@code file} at width × height pixels, PNG or SVG by the extension. */
    public static void write(Figure figure, Path file, int width, int height) throws PlotException {
        Format format = check(file);
        checkSize(width, height);
        JFreeChart chart = chart(figure, width, height);
        try {
            if (format == Format.PNG) {
                ImageIO.write(image(chart, width, height), "png", file.toFile());
            } else {
                writeSvg(chart, file, width, height);
            }
        } catch (IOException e) {
            throw PlotException.usage("cannot write " + file + ": " + e.getMessage());
        }
    }

    /**
     * Writes the chart as SVG: text as {@code <text>} in generic font families, so it stays
     * selectable and searchable, and a viewBox, so that the picture scales when a page resizes it.
     */
    private static void writeSvg(JFreeChart chart, Path file, int width, int height) throws IOException {
        Document doc;
        try {
            // The JDK's DOM suffices: Batik's own (batik-dom) would bring xml-apis, whose org.w3c.dom
            // clashes with the JDK's, and a dozen more jars.
            doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK has no XML document builder", e);
        }
        SVGGeneratorContext context = SVGGeneratorContext.createDefault(doc);
        // Hundredths of a pixel are finer than any screen; Batik's default of four places swells the file.
        context.setPrecision(2);
        context.setComment(null);
        // The root's font is what any text without its own family falls back to: Java's default is
        // "Dialog", which a browser does not know.
        SVGGeneratorContext.GraphicContextDefaults defaults = new SVGGeneratorContext.GraphicContextDefaults();
        defaults.setFont(new Font(FONT, Font.PLAIN, 12));
        context.setGraphicContextDefaults(defaults);
        SVGGraphics2D g = new SVGGraphics2D(context, false);
        g.setSVGCanvasSize(new Dimension(width, height));
        chart.draw(g, new Rectangle(width, height));
        Element root = g.getRoot();
        root.setAttribute("viewBox", "0 0 " + width + " " + height);
        root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", SVGGraphics2D.SVG_NAMESPACE_URI);
        // Batik's own writer adds a DOCTYPE, whose external DTD XML readers would try to fetch.
        try (Writer out = Files.newBufferedWriter(file)) {
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.transform(new DOMSource(root), new StreamResult(out));
        } catch (TransformerException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The figure drawn as an image of width × height pixels. */
    public static BufferedImage image(Figure figure, int width, int height) {
        return image(chart(figure, width, height), width, height);
    }

    private static BufferedImage image(JFreeChart chart, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            chart.draw(g, new Rectangle(width, height));
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The chart of {@code figure}, laid out for width × height pixels. */
    static JFreeChart chart(Figure figure, int width, int height) {
        NumberAxis x = axis(figure.xLabel());
        NumberAxis y = axis(figure.yLabel());
        Bounds b = figure.bounds();
        x.setRange(b.xMin(), b.xMax());
        y.setRange(b.yMin(), b.yMax());
        XYPlot plot = new XYPlot(null, x, y, null);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setOutlinePaint(Color.GRAY);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        // Renderer 0 carries the annotations (ellipses, segments) and draws them beneath every series.
        XYLineAndShapeRenderer base = new XYLineAndShapeRenderer(false, false);
        plot.setDataset(0, new XYSeriesCollection());
        plot.setRenderer(0, base);
        LegendItemCollection legend = new LegendItemCollection();
        int index = 1;
        for (Figure.Layer layer : figure.layers()) {
            Figure.Style style = layer.style();
            Stroke stroke = stroke(style);
            if (layer instanceof Figure.Ellipses e) {
                for (Figure.Ellipse el : e.ellipses()) {
                    base.addAnnotation(new XYShapeAnnotation(shape(el), stroke, style.color(), style.fill()),
                            Layer.BACKGROUND);
                }
            } else if (layer instanceof Figure.Segments s) {
                for (Figure.Segment seg : s.segments()) {
                    base.addAnnotation(new XYLineAnnotation(seg.from().x(), seg.from().y(), seg.to().x(), seg.to().y(),
                            stroke, style.color()), Layer.BACKGROUND);
                }
            } else {
                XYSeriesCollection data = new XYSeriesCollection();
                boolean lines = layer instanceof Figure.Curves;
                if (layer instanceof Figure.Curves c) {
                    for (Figure.Curve curve : c.curves()) {
                        data.addSeries(series(data.getSeriesCount(), curve.points()));
                    }
                } else {
                    Figure.Points points = (Figure.Points) layer;
                    data.addSeries(series(0, points.points()));
                    label(plot, points);
                }
                plot.setDataset(index, data);
                plot.setRenderer(index, renderer(style, lines));
                index++;
            }
            if (layer.legend() != null) {
                legend.add(legendItem(layer));
            }
        }
        plot.setFixedLegendItems(legend);
        JFreeChart chart = new JFreeChart(figure.title(), new Font(FONT, Font.BOLD, 20), plot, legend.getItemCount() > 0);
        chart.setBackgroundPaint(Color.WHITE);
        // Room on the right for the last tick label, which is centred on the plot's edge.
        chart.setPadding(new RectangleInsets(4, 4, 4, 16));
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        chart.getRenderingHints().put(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        if (!figure.caption().isEmpty()) {
            TextTitle caption = new TextTitle(figure.caption(), new Font(FONT, Font.PLAIN, 14));
            caption.setPaint(Color.DARK_GRAY);
            chart.addSubtitle(caption);
        }
        LegendTitle l = chart.getLegend();
        if (l != null) {
            l.setItemFont(new Font(FONT, Font.PLAIN, 14));
            l.setPosition(RectangleEdge.BOTTOM);
            l.setFrame(BlockBorder.NONE);
            l.setItemLabelPadding(new RectangleInsets(2, 4, 2, 12));
        }
        if (figure.equalAspect()) {
            equalize(chart, plot, width, height);
        }
        ticks(x);
        ticks(y);
        return chart;
    }

    /** The points' labels, just above and right of their markers. */
    private static void label(XYPlot plot, Figure.Points points) {
        for (int k = 0; k < points.labels().size(); k++) {
            String text = points.labels().get(k);
            if (!text.isEmpty()) {
                Figure.Point p = points.points().get(k);
                XYTextAnnotation a = new XYTextAnnotation(" " + text, p.x(), p.y());
                a.setFont(new Font(FONT, Font.PLAIN, 12));
                a.setPaint(points.style().color());
                a.setTextAnchor(TextAnchor.BOTTOM_LEFT);
                plot.addAnnotation(a);
            }
        }
    }

    private static NumberAxis axis(String label) {
        NumberAxis a = new NumberAxis(label);
        a.setLabelFont(new Font(FONT, Font.PLAIN, 16));
        a.setTickLabelFont(new Font(FONT, Font.PLAIN, 13));
        a.setAutoRangeIncludesZero(false);
        a.setAutoRange(false);
        return a;
    }

    /**
     * About ten ticks at a round step (1, 2, 2.5 or 5 times a power of ten): JFreeChart's own choice
     * packs the labels as tightly as they fit, which crowds the picture.
     */
    private static void ticks(NumberAxis axis) {
        double raw = axis.getRange().getLength() / 10;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = 10 * power;
        for (double m : new double[] {1, 2, 2.5, 5}) {
            if (m * power >= raw) {
                step = m * power;
                break;
            }
        }
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9) + (step / power == 2.5 ? 1 : 0));
        DecimalFormat format = new DecimalFormat(decimals == 0 ? "0" : "0." + "0".repeat(decimals),
                DecimalFormatSymbols.getInstance(Locale.ROOT));
        axis.setTickUnit(new NumberTickUnit(step, format));
    }

    /** Widens one axis's range so that a unit is as long on screen along x as along y. */
    private static void equalize(JFreeChart chart, XYPlot plot, int width, int height) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        Bounds wanted = new Bounds(plot.getDomainAxis().getLowerBound(), plot.getDomainAxis().getUpperBound(),
                plot.getRangeAxis().getLowerBound(), plot.getRangeAxis().getUpperBound());
        try {
            // Tick labels change width with the range, and with them the data area: twice is enough.
            for (int pass = 0; pass < 2; pass++) {
                ChartRenderingInfo info = new ChartRenderingInfo();
                chart.draw(g, new Rectangle(width, height), info);
                Rectangle2D area = info.getPlotInfo().getDataArea();
                double perPixel = Math.max((wanted.xMax() - wanted.xMin()) / area.getWidth(),
                        (wanted.yMax() - wanted.yMin()) / area.getHeight());
                double cx = 0.5 * (wanted.xMin() + wanted.xMax());
                double cy = 0.5 * (wanted.yMin() + wanted.yMax());
                plot.getDomainAxis().setRange(cx - 0.5 * perPixel * area.getWidth(), cx + 0.5 * perPixel * area.getWidth());
                plot.getRangeAxis().setRange(cy - 0.5 * perPixel * area.getHeight(), cy + 0.5 * perPixel * area.getHeight());
            }
        } finally {
            g.dispose();
        }
    }

    private static XYSeries series(int key, List<Figure.Point> points) {
        XYSeries s = new XYSeries(key, false, true);
        for (Figure.Point p : points) {
            s.add(p.x(), p.y(), false);
        }
        return s;
    }

    private static XYLineAndShapeRenderer renderer(Figure.Style style, boolean lines) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(lines, !lines);
        r.setAutoPopulateSeriesPaint(false);
        r.setAutoPopulateSeriesStroke(false);
        r.setAutoPopulateSeriesShape(false);
        r.setAutoPopulateSeriesFillPaint(false);
        r.setDefaultPaint(style.color());
        r.setDefaultStroke(stroke(style));
        r.setDefaultShape(marker());
        r.setDefaultFillPaint(style.fill() != null ? style.fill() : Color.WHITE);
        r.setUseFillPaint(true);
        r.setDrawSeriesLineAsPath(true);
        return r;
    }

    private static Shape marker() {
        return new Ellipse2D.Double(-4.5, -4.5, 9, 9);
    }

    private static Stroke stroke(Figure.Style style) {
        return style.dashed()
                ? new BasicStroke(style.width(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                        new float[] {6f, 4f}, 0f)
                : new BasicStroke(style.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    private static Shape shape(Figure.Ellipse e) {
        Shape unit = new Ellipse2D.Double(-e.a(), -e.b(), 2 * e.a(), 2 * e.b());
        AffineTransform t = AffineTransform.getTranslateInstance(e.center().x(), e.center().y());
        t.rotate(e.angle());
        return t.createTransformedShape(unit);
    }

    private static LegendItem legendItem(Figure.Layer layer) {
        Figure.Style style = layer.style();
        Paint fill = style.fill() != null ? style.fill() : Color.WHITE;
        boolean lines = layer instanceof Figure.Curves || layer instanceof Figure.Segments;
        Shape shape = layer instanceof Figure.Ellipses ? new Ellipse2D.Double(-9, -6, 18, 12) : marker();
        LegendItem item = new LegendItem(layer.legend(), null, null, null, !lines, shape, true, fill, true,
                style.color(), stroke(style), lines, new Line2D.Double(-14, 0, 14, 0), stroke(style), style.color());
        item.setLabelFont(new Font(FONT, Font.PLAIN, 14));
        return item;
    }
}
