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
import org.gen4j.core.util.Ticks;

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

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e",
        "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

    private static final int CHART_W = 960;
    private static final int CHART_H = 400;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 16;
    private static final int BOTTOM = 52;

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
            new Chart().render(h);
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
            "svg.chart { width: 100%; max-width: " + CHART_W + "px; height: auto;"
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

    /** Draws the loss chart as inline SVG. */
    private final class Chart {
        private final double x0;
        private final double x1;
        private final double y0;
        private final double y1;
        private final int right = CHART_W - RIGHT;
        private final int window = smoothingWindow();
        private final List<String> labels = legendLabels();
        private final int[][] legendAt = layOutLegend();
        private final int legendHeight = legendAt[legendAt.length - 1][1] + 10;
        private final int top = TOP + legendHeight;
        private final int bottom = top + CHART_H - TOP - BOTTOM;
        private final int height = CHART_H + legendHeight;

        Chart() {
            double xMin = Double.POSITIVE_INFINITY;
            double xMax = Double.NEGATIVE_INFINITY;
            double yMin = Double.POSITIVE_INFINITY;
            double yMax = Double.NEGATIVE_INFINITY;
            for (Series s : series) {
                for (int i = 0; i < s.steps.length; i++) {
                    xMin = Math.min(xMin, s.steps[i]);
                    xMax = Math.max(xMax, s.steps[i]);
                    if (Double.isFinite(s.values[i])) {
                        yMin = Math.min(yMin, s.values[i]);
                        yMax = Math.max(yMax, s.values[i]);
                    }
                }
            }
            double[] x = widen(xMin, xMax, 0);
            double[] y = yRange != null ? yRange : widen(yMin, yMax, 0.05);
            x0 = x[0];
            x1 = x[1];
            y0 = y[0];
            y1 = y[1];
        }

        private double[] widen(double min, double max, double margin) {
            if (!(min <= max)) {
                return new double[] {0, 1};
            }
            if (max - min <= 1e-12 * Math.max(1, Math.abs(max))) {
                double d = Math.max(1e-3, Math.abs(max) * 0.1);
                return new double[] {min - d, max + d};
            }
            double pad = (max - min) * margin;
            return new double[] {min - pad, max + pad};
        }

        double px(double x) {
            return LEFT + (x - x0) / (x1 - x0) * (right - LEFT);
        }

        double py(double y) {
            return bottom - (y - y0) / (y1 - y0) * (bottom - top);
        }

        void render(StringBuilder h) {
            h.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                    .append(CHART_W).append(' ').append(height).append("\" width=\"")
                    .append(CHART_W).append("\" height=\"").append(height)
                    .append("\" role=\"img\" aria-label=\"loss curves\" font-family=\"sans-serif\""
                            + " font-size=\"12\">\n");
            h.append("<rect x=\"").append(LEFT).append("\" y=\"").append(top)
                    .append("\" width=\"").append(right - LEFT).append("\" height=\"")
                    .append(bottom - top).append("\" fill=\"#fff\" stroke=\"#999\"/>\n");
            axes(h);
            h.append("<clipPath id=\"plot-area\"><rect x=\"").append(LEFT).append("\" y=\"")
                    .append(top).append("\" width=\"").append(right - LEFT)
                    .append("\" height=\"").append(bottom - top).append("\"/></clipPath>\n");
            h.append("<g clip-path=\"url(#plot-area)\" fill=\"none\" stroke-linejoin=\"round\">\n");
            for (int i = 0; i < series.size(); i++) {
                Series s = series.get(i);
                String colour = COLOURS[i % COLOURS.length];
                if (window > 1) {
                    polyline(h, s, s.values, colour, "raw", "stroke-width=\"1\""
                            + " stroke-opacity=\"0.3\"");
                    polyline(h, s, movingAverage(s.values, window), colour, "smooth",
                            "stroke-width=\"1.8\"");
                } else {
                    polyline(h, s, s.values, colour, "raw", "stroke-width=\"1.5\"");
                }
                nonFiniteMarks(h, s);
            }
            h.append("</g>\n");
            legend(h);
            h.append("</svg>\n");
        }

        private void axes(StringBuilder h) {
            h.append("<g class=\"axes\" fill=\"#444\">\n");
            double xStep = Ticks.step(x0, x1, 8);
            for (double t : Ticks.values(x0, x1, 8)) {
                String x = num(px(t));
                h.append("<line x1=\"").append(x).append("\" y1=\"").append(top)
                        .append("\" x2=\"").append(x).append("\" y2=\"").append(bottom)
                        .append("\" stroke=\"#eee\"/>");
                h.append("<line x1=\"").append(x).append("\" y1=\"").append(bottom)
                        .append("\" x2=\"").append(x).append("\" y2=\"").append(bottom + 5)
                        .append("\" stroke=\"#999\"/>");
                h.append("<text x=\"").append(x).append("\" y=\"").append(bottom + 18)
                        .append("\" text-anchor=\"middle\">")
                        .append(escape(Ticks.format(t, xStep))).append("</text>\n");
            }
            double yStep = Ticks.step(y0, y1, 6);
            for (double t : Ticks.values(y0, y1, 6)) {
                String y = num(py(t));
                h.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(y)
                        .append("\" x2=\"").append(right).append("\" y2=\"").append(y)
                        .append("\" stroke=\"#eee\"/>");
                h.append("<line x1=\"").append(LEFT - 5).append("\" y1=\"").append(y)
                        .append("\" x2=\"").append(LEFT).append("\" y2=\"").append(y)
                        .append("\" stroke=\"#999\"/>");
                h.append("<text x=\"").append(LEFT - 8).append("\" y=\"").append(y)
                        .append("\" text-anchor=\"end\" dominant-baseline=\"middle\">")
                        .append(escape(Ticks.format(t, yStep))).append("</text>\n");
            }
            h.append("<text x=\"").append((LEFT + right) / 2).append("\" y=\"")
                    .append(height - 10).append("\" text-anchor=\"middle\">step</text>\n");
            h.append("<text transform=\"translate(16 ").append((top + bottom) / 2)
                    .append(") rotate(-90)\" text-anchor=\"middle\">value</text>\n");
            h.append("</g>\n");
        }

        private void polyline(StringBuilder h, Series s, double[] values, String colour,
                String kind, String style) {
            int[] keep = thin(s.steps, values);
            if (keep.length == 0) {
                return;
            }
            h.append("<polyline class=\"").append(kind).append("\" data-series=\"")
                    .append(escape(s.name)).append("\" stroke=\"").append(colour).append("\" ")
                    .append(style).append(" points=\"");
            for (int j = 0; j < keep.length; j++) {
                int i = keep[j];
                if (j > 0) {
                    h.append(' ');
                }
                h.append(num(px(s.steps[i]))).append(',').append(num(py(values[i])));
            }
            h.append("\"/>\n");
        }

        private void nonFiniteMarks(StringBuilder h, Series s) {
            if (s.nonFinite == 0) {
                return;
            }
            h.append("<g class=\"non-finite\" data-series=\"").append(escape(s.name))
                    .append("\" stroke=\"#d00\" stroke-width=\"1.5\">");
            int drawn = 0;
            for (int i = 0; i < s.steps.length && drawn < MAX_POINTS; i++) {
                if (!Double.isFinite(s.values[i])) {
                    String x = num(px(s.steps[i]));
                    h.append("<line x1=\"").append(x).append("\" y1=\"").append(top)
                            .append("\" x2=\"").append(x).append("\" y2=\"").append(top + 8)
                            .append("\"/>");
                    drawn++;
                }
            }
            h.append("</g>\n");
        }

        private List<String> legendLabels() {
            List<String> out = new ArrayList<>();
            for (Series s : series) {
                out.add(s.nonFinite == 0 ? s.name
                        : s.name + " (" + s.nonFinite + " non-finite, not drawn)");
            }
            List<String> notes = new ArrayList<>();
            if (window > 1) {
                notes.add("faint: as logged; solid: moving average of " + window + " points");
            }
            if (series.stream().anyMatch(s -> s.nonFinite > 0)) {
                notes.add("red ticks on top: steps with non-finite values");
            }
            if (!notes.isEmpty()) {
                out.add(String.join("; ", notes));
            }
            return out;
        }

        /** The (x, baseline y) of each legend label, in rows above the plot; then the end. */
        private int[][] layOutLegend() {
            int[][] at = new int[labels.size() + 1][];
            int x = LEFT;
            int y = TOP;
            for (int i = 0; i < labels.size(); i++) {
                boolean note = i >= series.size();
                // About 7 px per character at 12 px sans-serif, plus the colour swatch.
                int w = (note ? 0 : 30) + 7 * labels.get(i).length() + 24;
                if (x > LEFT && x + w > right) {
                    x = LEFT;
                    y += 18;
                }
                at[i] = new int[] {x, y};
                x += w;
            }
            at[labels.size()] = new int[] {LEFT, y};
            return at;
        }

        private void legend(StringBuilder h) {
            h.append("<g class=\"legend\">\n");
            for (int i = 0; i < labels.size(); i++) {
                int x = legendAt[i][0];
                int y = legendAt[i][1];
                if (i < series.size()) {
                    h.append("<line x1=\"").append(x).append("\" y1=\"").append(y - 4)
                            .append("\" x2=\"").append(x + 22).append("\" y2=\"").append(y - 4)
                            .append("\" stroke=\"").append(COLOURS[i % COLOURS.length])
                            .append("\" stroke-width=\"2.5\"/>");
                    h.append("<text x=\"").append(x + 28).append("\" y=\"").append(y)
                            .append("\">").append(escape(labels.get(i))).append("</text>\n");
                } else {
                    h.append("<text x=\"").append(x).append("\" y=\"").append(y)
                            .append("\" fill=\"#666\" font-size=\"11\">")
                            .append(escape(labels.get(i))).append("</text>\n");
                }
            }
            h.append("</g>\n");
        }

        private int smoothingWindow() {
            if (smoothing >= 0) {
                return smoothing;
            }
            int longest = 0;
            for (Series s : series) {
                longest = Math.max(longest, s.steps.length);
            }
            return autoWindow(longest);
        }
    }

    /**
     * The smoothing window chosen automatically for a series of {@code n} points: none below 60
     * points, otherwise the odd number nearest n / 30, at most 101.
     *
     * @param n the number of points
     * @return the window, 0 when the series is too short to smooth
     */
    public static int autoWindow(int n) {
        if (n < 60) {
            return 0;
        }
        int w = Math.min(101, (int) Math.round(n / 30.0));
        return w % 2 == 0 ? w + 1 : w;
    }

    /**
     * The centred moving average of the finite values, with the window shrunk at the ends; a
     * non-finite value stays non-finite and is not counted in its neighbours' averages.
     *
     * @param values the series
     * @param window the window width, at least 1 (odd widths are centred exactly)
     * @return a new array as long as {@code values}
     */
    public static double[] movingAverage(double[] values, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + window);
        }
        int n = values.length;
        double[] sum = new double[n + 1];
        int[] count = new int[n + 1];
        for (int i = 0; i < n; i++) {
            boolean ok = Double.isFinite(values[i]);
            sum[i + 1] = sum[i] + (ok ? values[i] : 0);
            count[i + 1] = count[i] + (ok ? 1 : 0);
        }
        int half = window / 2;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(values[i])) {
                out[i] = values[i];
                continue;
            }
            int lo = Math.max(0, i - half);
            int hi = Math.min(n, i - half + window);
            out[i] = (sum[hi] - sum[lo]) / (count[hi] - count[lo]);
        }
        return out;
    }

    /** The indexes of the finite points to draw, thinned to at most MAX_POINTS. */
    private static int[] thin(double[] steps, double[] values) {
        int finite = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                finite++;
            }
        }
        int[] all = new int[finite];
        int k = 0;
        for (int i = 0; i < values.length; i++) {
            if (Double.isFinite(values[i])) {
                all[k++] = i;
            }
        }
        if (finite <= MAX_POINTS) {
            return all;
        }
        int buckets = MAX_POINTS / 2;
        int[] kept = new int[2 * buckets];
        int m = 0;
        for (int b = 0; b < buckets; b++) {
            int lo = (int) ((long) b * finite / buckets);
            int hi = (int) ((long) (b + 1) * finite / buckets);
            int min = all[lo];
            int max = all[lo];
            for (int j = lo; j < hi; j++) {
                int i = all[j];
                if (values[i] < values[min]) {
                    min = i;
                }
                if (values[i] > values[max]) {
                    max = i;
                }
            }
            kept[m++] = Math.min(min, max);
            if (min != max) {
                kept[m++] = Math.max(min, max);
            }
        }
        return java.util.Arrays.copyOf(kept, m);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** One named curve. */
    private record Series(String name, double[] steps, double[] values, int nonFinite) {}

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
         *     (the default: see {@link RunReport#autoWindow(int)}); at most 1001
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
