package org.gen4j.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class RunReportTest {

    @TempDir
    Path dir;

    private static final Pattern POLYLINE = Pattern.compile(
            "<polyline class=\"(\\w+)\" data-series=\"([^\"]*)\"[^>]* points=\"([^\"]*)\"/>");

    /** The polylines of a page: class, series, point count. */
    private static List<String> polylines(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = POLYLINE.matcher(html);
        while (m.find()) {
            out.add(m.group(1) + " " + m.group(2) + " " + m.group(3).split(" ").length);
        }
        return out;
    }

    private static double[] range(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 10.0 * (i + 1);
        }
        return x;
    }

    @Test
    void pageHasTitleSpecCurvesImagesAndSummary() throws IOException {
        double[] steps = range(5);
        RunReport report = RunReport.builder()
                .setTitle("dcgan <fashion-mnist> & \"friends\"")
                .optSpecJson("{\n  \"model\": \"<dcgan>\"\n}")
                .addSeries("loss_d", steps, new double[] {1.4, 1.2, 1.1, 1.0, 0.9})
                .addSeries("loss_g", steps, new double[] {0.7, 0.9, 1.3, 1.6, 1.8})
                .addImage("samples/epoch-001.png", "epoch 1, step 20")
                .addImage("samples/epoch 2.png", "epoch 2, step 50")
                .addSummary("images/s", "231")
                .addSummary("wall time", "0:03:12")
                .build();
        Path file = dir.resolve("run/report.html");
        report.write(file);
        String html = Files.readString(file);

        assertThat(html).startsWith("<!DOCTYPE html>");
        assertThat(html).contains("<title>dcgan &lt;fashion-mnist&gt; &amp; &quot;friends&quot;"
                + "</title>");
        assertThat(html).doesNotContain("<fashion-mnist>").doesNotContain("<dcgan>");
        assertThat(html).contains("&quot;model&quot;: &quot;&lt;dcgan&gt;&quot;");
        assertThat(polylines(html)).containsExactly("raw loss_d 5", "raw loss_g 5");
        assertThat(html).contains("<img src=\"samples/epoch-001.png\"")
                .contains("<img src=\"samples/epoch%202.png\"")
                .contains("<figcaption>epoch 2, step 50</figcaption>");
        assertThat(html.indexOf("epoch-001.png")).isLessThan(html.indexOf("epoch%202.png"));
        assertThat(html).contains("<tr><th>images/s</th><td>231</td></tr>");
        assertThat(html).doesNotContain("<script").doesNotContain("http://www.w3.org/1999")
                .doesNotContain("https://");
        // The legend names both series; the axes have tick labels.
        assertThat(html).contains(">loss_d</text>").contains(">loss_g</text>");
        assertThat(html).contains("text-anchor=\"middle\">step</text>");
        assertThat(html).containsPattern("text-anchor=\"end\" dominant-baseline=\"middle\">1.2"
                + "</text>");
    }

    @Test
    void svgIsWellFormedXml() throws Exception {
        String html = RunReport.builder().setTitle("x < y")
                .addSeries("a & b", range(3), new double[] {1, Double.NaN, 3})
                .build().render();
        int start = html.indexOf("<svg");
        int end = html.indexOf("</svg>") + "</svg>".length();
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(
                new org.xml.sax.InputSource(new java.io.StringReader(html.substring(start, end))));
        NodeList lines = doc.getElementsByTagName("polyline");
        assertThat(lines.getLength()).isEqualTo(1);
        Element line = (Element) lines.item(0);
        assertThat(line.getAttribute("data-series")).isEqualTo("a & b");
        assertThat(line.getAttribute("points").split(" ")).hasSize(2);
    }

    @Test
    void nonFiniteValuesAreSkippedAndMarked() {
        double[] values = {1, Double.NaN, 2, Double.POSITIVE_INFINITY, 3, Double.NEGATIVE_INFINITY};
        String html = RunReport.builder().setTitle("t").optSmoothing(0)
                .addSeries("loss", range(6), values)
                .addSeries("dead", range(2), new double[] {Double.NaN, Double.NaN})
                .build().render();
        assertThat(polylines(html)).containsExactly("raw loss 3");
        assertThat(html).doesNotContain("NaN").doesNotContain("Infinity");
        assertThat(html).contains("loss (3 non-finite, not drawn)")
                .contains("dead (2 non-finite, not drawn)");
        assertThat(html).contains("<g class=\"non-finite\" data-series=\"loss\"");
    }

    @Test
    void smoothingDrawsTheMovingAverageOverTheRawCurve() {
        int n = 300;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = Math.exp(-i / 100.0) + (i % 2 == 0 ? 0.1 : -0.1);
        }
        String auto = RunReport.builder().setTitle("t").addSeries("loss", range(n), values)
                .build().render();
        assertThat(Smoothing.autoWindow(n)).isEqualTo(11);
        assertThat(polylines(auto)).containsExactly("raw loss 300", "smooth loss 300");
        assertThat(auto).contains("moving average of 11");
        String off = RunReport.builder().setTitle("t").optSmoothing(1)
                .addSeries("loss", range(n), values).build().render();
        assertThat(polylines(off)).containsExactly("raw loss 300");
        assertThat(Smoothing.autoWindow(59)).isZero();
    }

    @Test
    void movingAverageClosedForm() {
        double[] avg = Smoothing.movingAverage(new double[] {1, 2, 3, 4, 5}, 3);
        assertThat(avg).containsExactly(1.5, 2, 3, 4, 4.5);
        double[] withNaN = Smoothing.movingAverage(new double[] {1, Double.NaN, 3}, 3);
        assertThat(withNaN).containsExactly(1, Double.NaN, 3);
    }

    @Test
    void longSeriesAreThinnedKeepingSpikes() {
        int n = 100_000;
        double[] values = new double[n];
        values[54_321] = 50;
        String html = RunReport.builder().setTitle("t").optSmoothing(0)
                .addSeries("loss", range(n), values).build().render();
        List<String> lines = polylines(html);
        assertThat(lines).hasSize(1);
        int points = Integer.parseInt(lines.get(0).split(" ")[2]);
        assertThat(points).isBetween(RunReport.MAX_POINTS / 2, RunReport.MAX_POINTS);
        // The spike sets the top of the y range: 50 plus 5% margin, so a tick at 50 exists.
        assertThat(html).contains(">50</text>");
    }

    @Test
    void seriesFromMetricsTable() throws IOException {
        MetricsLog log = MetricsLog.open(dir, List.of("loss_d", "loss_g"));
        log.append(1, 0, 1, 2);
        log.append(2, 0, 1.5, Double.NaN);
        String html = RunReport.builder().setTitle("t").addSeries(log.read()).build().render();
        assertThat(polylines(html)).containsExactly("raw loss_d 2", "raw loss_g 1");
    }

    @Test
    void emptyReportRenders() {
        String html = RunReport.builder().setTitle("new run").build().render();
        assertThat(html).contains("No metrics logged yet.").contains("No samples written yet.")
                .doesNotContain("<svg").doesNotContain("Run spec");
    }

    @Test
    void badInputsAreRejectedWithClearMessages() {
        assertThatThrownBy(() -> RunReport.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call setTitle(...)");
        RunReport.Builder b = RunReport.builder().setTitle("t");
        assertThatThrownBy(() -> b.addSeries("x", new double[2], new double[3]))
                .hasMessageContaining("series 'x' has 2 steps but 3 values");
        assertThatThrownBy(() -> b.addSeries("x", new double[] {2, 1}, new double[2]))
                .hasMessageContaining("series 'x' steps must be non-decreasing, got 1.0 after 2.0"
                        + " at index 1");
        assertThatThrownBy(() -> b.addSeries("x", new double[] {Double.NaN}, new double[1]))
                .hasMessageContaining("series 'x' step 0 must be finite, got NaN");
        b.addSeries("x", new double[1], new double[1]);
        assertThatThrownBy(() -> b.addSeries("x", new double[1], new double[1]))
                .hasMessageContaining("series 'x' was already added");
        assertThatThrownBy(() -> b.addImage("/tmp/a.png", "c"))
                .hasMessageContaining("image path '/tmp/a.png' must be relative to the run folder");
        assertThatThrownBy(() -> b.addImage("C:\\runs\\a.png", "c"))
                .hasMessageContaining("must be relative");
        assertThatThrownBy(() -> b.addImage("../other/a.png", "c"))
                .hasMessageContaining("must stay inside the run folder");
        assertThatThrownBy(() -> b.optSmoothing(-2))
                .hasMessageContaining("smoothing window must be in [0, 1001], or -1 for automatic,"
                        + " got -2");
        assertThatThrownBy(() -> b.optYRange(1, 0))
                .hasMessageContaining("y range must be finite with max > min, got [1.0, 0.0]");
        assertThatThrownBy(() -> RunReport.builder().setTitle(" "))
                .hasMessageContaining("title must not be null or blank");
    }
}
