package org.gen4j.core.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.gen4j.core.util.AtomicFiles;

/**
 * The report of a run: one self-contained HTML page, {@code report.html} in the run folder, that
 * a person opens in a browser, offline.
 *
 * <p>The page shows, in order: the title; a table of summary figures (images/s, steps, wall
 * time...); the loss curves, drawn as inline SVG with one polyline per series, tick-labelled axes
 * and a legend; the sample grids, newest last, each with its caption; and the run spec as JSON.
 * It uses no JavaScript and no network: sample grids are PNG files in the run folder, referenced
 * by relative paths. All text is HTML-escaped.
 *
 * <pre>{@code
 * MetricsTable metrics = MetricsLog.read(runDir.resolve(MetricsLog.FILE_NAME));
 * RunReport.builder()
 *         .setTitle("dcgan on fashion-mnist")
 *         .optSpecJson(specJson)
 *         .addSeries(metrics)
 *         .addImage("samples/epoch-003.png", "epoch 3, step 1200")
 *         .addSummary("images/s", "231")
 *         .build()
 *         .write(runDir.resolve(RunReport.FILE_NAME));
 * }</pre>
 *
 * <p>Non-finite values in a series are left out of its curve; their steps are marked by small
 * red ticks along the top of the chart and counted in the legend. With smoothing on (see
 * {@link Builder#optSmoothing(int)}) each series is drawn faint as logged with its centred moving
 * average over it. A series with more than {@value #MAX_POINTS} finite points is thinned to the
 * minimum and maximum of each of {@value #MAX_POINTS}/2 buckets, which keeps its spikes.
 */
public final class RunReport {

    /** The name of the report file in a run folder. */
    public static final String FILE_NAME = "report.html";

    /** The most points drawn per polyline; longer series are thinned. */
    public static final int MAX_POINTS = 4000;

    private final String title;
    private final String specJson;
    private final List<Series> series;
    private final List<Image> images;
    private final Map<String, String> summary;
    private final int smoothing;
    private final double[] yRange;

    private RunReport(Builder b) {
        this.title = b.title;
        this.specJson = b.specJson;
        this.series = List.copyOf(b.series);
        this.images = List.copyOf(b.images);
        this.summary = new LinkedHashMap<>(b.summary);
        this.smoothing = b.smoothing;
        this.yRange = b.yRange;
    }

    /** A builder; the title is required, everything else optional. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes the page to a file, atomically, in UTF-8.
     *
     * @param htmlFile the file, usually {@code runDir.resolve(RunReport.FILE_NAME)}; image paths
     *     are relative to its folder
     * @throws IOException if the file cannot be written
     */
    public void write(Path htmlFile) throws IOException {
        Objects.requireNonNull(htmlFile, "htmlFile is null");
        byte[] bytes = render().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(htmlFile, out -> out.write(bytes));
    }

    /**
     * Renders the page.
     *
     * @return the HTML document
     */
    public String render() {
        StringBuilder h = new StringBuilder(16384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(escape(title)).append("</h1>\n");
        if (!summary.isEmpty()) {
            h.append("<section id=\"summary\">\n<h2>Summary</h2>\n<table class=\"summary\">\n");
            for (Map.Entry<String, String> e : summary.entrySet()) {
                h.append("<tr><th>").append(escape(e.getKey())).append("</th><td>")
                        .append(escape(e.getValue())).append("</td></tr>\n");
            }
            h.append("</table>\n</section>\n");
        }
        h.append("<section id=\"curves\">\n<h2>Loss curves</h2>\n");
        if (series.isEmpty()) {
            h.append("<p class=\"empty\">No metrics logged yet.</p>\n");
        } else {
            new LossChart(series, smoothing, yRange).render(h);
        }
        h.append("</section>\n<section id=\"samples\">\n<h2>Samples</h2>\n");
        if (images.isEmpty()) {
            h.append("<p class=\"empty\">No samples written yet.</p>\n");
        } else {
            h.append("<div class=\"samples\">\n");
            for (Image image : images) {
                h.append("<figure><img src=\"").append(escape(image.href())).append("\" alt=\"")
                        .append(escape(image.caption)).append("\" loading=\"lazy\"><figcaption>")
                        .append(escape(image.caption)).append("</figcaption></figure>\n");
            }
            h.append("</div>\n");
        }
        h.append("</section>\n");
        if (specJson != null) {
            h.append("<section id=\"spec\">\n<h2>Run spec</h2>\n<pre class=\"spec\">")
                    .append(escape(specJson)).append("</pre>\n</section>\n");
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static final String CSS = String.join("\n",
            "body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans',"
                    + " sans-serif; margin: 24px auto; max-width: 1000px; padding: 0 16px;"
                    + " color: #222; }",
            "h1 { font-size: 1.6em; margin-bottom: 0.4em; word-wrap: break-word; }",
            "h2 { font-size: 1.2em; border-bottom: 1px solid #ddd; padding-bottom: 4px;"
                    + " margin-top: 1.6em; }",
            "table.summary { border-collapse: collapse; }",
            "table.summary th, table.summary td { text-align: left; padding: 3px 16px 3px 0;"
                    + " border-bottom: 1px solid #eee; vertical-align: top; }",
            "table.summary th { font-weight: 600; color: #555; }",
            "svg.chart { width: 100%; max-width: " + LossChart.CHART_W + "px; height: auto;"
                    + " display: block; }",
            "div.samples { display: flex; flex-wrap: wrap; gap: 16px; }",
            "figure { margin: 0; }",
            "figure img { display: block; image-rendering: pixelated; max-width: 100%;"
                    + " border: 1px solid #ddd; }",
            "figcaption { font-size: 0.9em; color: #555; margin-top: 4px; }",
            "pre.spec { background: #f6f8fa; border: 1px solid #e1e4e8; padding: 12px;"
                    + " overflow-x: auto; font-size: 0.85em; }",
            "p.empty { color: #888; font-style: italic; }",
            "");

    /**
     * Escapes text for HTML element content and quoted attribute values: {@code & < > " '}.
     *
     * @param text the text; null gives ""
     * @return the escaped text
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** One named curve. */
    record Series(String name, double[] steps, double[] values, int nonFinite) {}

    /** One sample grid. */
    private record Image(String path, String caption) {
        /** The path with each segment percent-encoded where needed, for an href. */
        String href() {
            StringBuilder sb = new StringBuilder();
            byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
            for (byte b : bytes) {
                int c = b & 0xFF;
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
                    sb.append((char) c);
                } else {
                    sb.append('%').append(String.format(Locale.ROOT, "%02X", c));
                }
            }
            return sb.toString();
        }
    }

    /** Builds a {@link RunReport}. */
    public static final class Builder {

        private String title;
        private String specJson;
        private final List<Series> series = new ArrayList<>();
        private final List<Image> images = new ArrayList<>();
        private final Map<String, String> summary = new LinkedHashMap<>();
        private int smoothing = -1;
        private double[] yRange;

        private Builder() {}

        /**
         * Sets the page title (required).
         *
         * @param title the title, not blank; shown escaped
         * @return this builder
         */
        public Builder setTitle(String title) {
            if (title == null || title.isBlank()) {
                throw new IllegalArgumentException("title must not be null or blank");
            }
            this.title = title;
            return this;
        }

        /**
         * Sets the run spec, shown as preformatted text.
         *
         * @param specJson the spec, usually pretty-printed JSON; null for none (the default)
         * @return this builder
         */
        public Builder optSpecJson(String specJson) {
            this.specJson = specJson;
            return this;
        }

        /**
         * Adds one curve to the chart.
         *
         * @param name the legend name, not blank and not already added (for example "loss_d")
         * @param steps the x values, finite and non-decreasing; copied
         * @param values the y values, as many as {@code steps}; non-finite ones are not drawn
         *     but marked; copied
         * @return this builder
         * @throws IllegalArgumentException if the name is blank or taken, the lengths differ,
         *     or a step is not finite or decreases
         */
        public Builder addSeries(String name, double[] steps, double[] values) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("series name must not be null or blank");
            }
            Objects.requireNonNull(steps, "steps of series '" + name + "' is null");
            Objects.requireNonNull(values, "values of series '" + name + "' is null");
            for (Series s : series) {
                if (s.name.equals(name)) {
                    throw new IllegalArgumentException(
                            "series '" + name + "' was already added; series names must be unique");
                }
            }
            if (steps.length != values.length) {
                throw new IllegalArgumentException("series '" + name + "' has " + steps.length
                        + " steps but " + values.length + " values; they must be as many");
            }
            int nonFinite = 0;
            for (int i = 0; i < steps.length; i++) {
                if (!Double.isFinite(steps[i])) {
                    throw new IllegalArgumentException("series '" + name + "' step " + i
                            + " must be finite, got " + steps[i]);
                }
                if (i > 0 && steps[i] < steps[i - 1]) {
                    throw new IllegalArgumentException("series '" + name + "' steps must be"
                            + " non-decreasing, got " + steps[i] + " after " + steps[i - 1]
                            + " at index " + i);
                }
                if (!Double.isFinite(values[i])) {
                    nonFinite++;
                }
            }
            series.add(new Series(name, steps.clone(), values.clone(), nonFinite));
            return this;
        }

        /**
         * Adds one curve per column of a metrics table, against its steps.
         *
         * @param table the metrics, usually {@link MetricsLog#read(Path)}
         * @return this builder
         */
        public Builder addSeries(MetricsTable table) {
            Objects.requireNonNull(table, "table is null");
            double[] steps = table.stepsAsDoubles();
            for (String name : table.names()) {
                addSeries(name, steps, table.column(name));
            }
            return this;
        }

        /**
         * Adds a sample grid; grids are shown in the order added, so add the newest last.
         *
         * @param relativePath the PNG path relative to the report's folder, with '/' (or '\')
         *     between folders, for example "samples/epoch-003.png"; not absolute, no ".."
         * @param caption the caption, for example "epoch 3, step 1200"; shown escaped
         * @return this builder
         * @throws IllegalArgumentException if the path is blank, absolute or leaves the folder
         */
        public Builder addImage(String relativePath, String caption) {
            if (relativePath == null || relativePath.isBlank()) {
                throw new IllegalArgumentException("image path must not be null or blank");
            }
            String path = relativePath.replace('\\', '/');
            if (path.startsWith("/") || path.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
                throw new IllegalArgumentException("image path '" + relativePath + "' must be"
                        + " relative to the run folder (for example samples/epoch-003.png),"
                        + " not absolute or a URL");
            }
            for (String segment : path.split("/")) {
                if (segment.equals("..")) {
                    throw new IllegalArgumentException("image path '" + relativePath + "' must"
                            + " stay inside the run folder: '..' is not accepted");
                }
            }
            images.add(new Image(path, caption == null ? "" : caption));
            return this;
        }

        /**
         * Adds or replaces one summary figure; figures are shown in the order first added.
         *
         * @param key the label, for example "images/s"
         * @param value the value as shown, for example "231"
         * @return this builder
         */
        public Builder addSummary(String key, String value) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("summary key must not be null or blank");
            }
            summary.put(key, value == null ? "" : value);
            return this;
        }

        /**
         * Sets the smoothing of the curves.
         *
         * @param window the moving-average width in points; 0 or 1 for none, -1 for automatic
         *     (the default: see {@link Smoothing#autoWindow(int)}); at most 1001
         * @return this builder
         */
        public Builder optSmoothing(int window) {
            if (window < -1 || window > 1001) {
                throw new IllegalArgumentException("smoothing window must be in [0, 1001], or -1"
                        + " for automatic, got " + window);
            }
            this.smoothing = window;
            return this;
        }

        /**
         * Fixes the value axis range, for curves with early spikes; parts outside are clipped.
         *
         * @param min the bottom, finite
         * @param max the top, finite and greater than {@code min}
         * @return this builder
         */
        public Builder optYRange(double min, double max) {
            if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
                throw new IllegalArgumentException("y range must be finite with max > min, got ["
                        + min + ", " + max + "]");
            }
            this.yRange = new double[] {min, max};
            return this;
        }

        /**
         * Builds the report.
         *
         * @return the report
         * @throws IllegalStateException if no title was set
         */
        public RunReport build() {
            if (title == null) {
                throw new IllegalStateException("a report needs a title: call setTitle(...)"
                        + " before build()");
            }
            return new RunReport(this);
        }
    }
}
