package org.gen4j.core.report;

import static org.gen4j.core.report.RunReport.MAX_POINTS;
import static org.gen4j.core.report.RunReport.escape;
import static org.gen4j.core.report.Smoothing.autoWindow;
import static org.gen4j.core.report.Smoothing.movingAverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gen4j.core.report.RunReport.Series;
import org.gen4j.core.util.Ticks;

/**
 * The loss chart of a {@link RunReport}, as inline SVG: every series as a thinned polyline, its
 * moving average, marks where values were not finite, the axes and a legend in rows above.
 */
final class LossChart {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e",
        "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

    static final int CHART_W = 960;
    private static final int CHART_H = 400;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 16;
    private static final int BOTTOM = 52;

    private final List<Series> series;
    private final int smoothing;
    private final double[] yRange;
    private final double x0;
    private final double x1;
    private final double y0;
    private final double y1;
    private final int right = CHART_W - RIGHT;
    private final int window;
    private final List<String> labels;
    private final int[][] legendAt;
    private final int legendHeight;
    private final int top;
    private final int bottom;
    private final int height;

    LossChart(List<Series> series, int smoothing, double[] yRange) {
        this.series = series;
        this.smoothing = smoothing;
        this.yRange = yRange;
        window = smoothingWindow();
        labels = legendLabels();
        legendAt = layOutLegend();
        legendHeight = legendAt[legendAt.length - 1][1] + 10;
        top = TOP + legendHeight;
        bottom = top + CHART_H - TOP - BOTTOM;
        height = CHART_H + legendHeight;
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.steps().length; i++) {
                xMin = Math.min(xMin, s.steps()[i]);
                xMax = Math.max(xMax, s.steps()[i]);
                if (Double.isFinite(s.values()[i])) {
                    yMin = Math.min(yMin, s.values()[i]);
                    yMax = Math.max(yMax, s.values()[i]);
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
                polyline(h, s, s.values(), colour, "raw", "stroke-width=\"1\""
                        + " stroke-opacity=\"0.3\"");
                polyline(h, s, movingAverage(s.values(), window), colour, "smooth",
                        "stroke-width=\"1.8\"");
            } else {
                polyline(h, s, s.values(), colour, "raw", "stroke-width=\"1.5\"");
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
        int[] keep = thin(s.steps(), values);
        if (keep.length == 0) {
            return;
        }
        h.append("<polyline class=\"").append(kind).append("\" data-series=\"")
                .append(escape(s.name())).append("\" stroke=\"").append(colour).append("\" ")
                .append(style).append(" points=\"");
        for (int j = 0; j < keep.length; j++) {
            int i = keep[j];
            if (j > 0) {
                h.append(' ');
            }
            h.append(num(px(s.steps()[i]))).append(',').append(num(py(values[i])));
        }
        h.append("\"/>\n");
    }

    private void nonFiniteMarks(StringBuilder h, Series s) {
        if (s.nonFinite() == 0) {
            return;
        }
        h.append("<g class=\"non-finite\" data-series=\"").append(escape(s.name()))
                .append("\" stroke=\"#d00\" stroke-width=\"1.5\">");
        int drawn = 0;
        for (int i = 0; i < s.steps().length && drawn < MAX_POINTS; i++) {
            if (!Double.isFinite(s.values()[i])) {
                String x = num(px(s.steps()[i]));
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
            out.add(s.nonFinite() == 0 ? s.name()
                    : s.name() + " (" + s.nonFinite() + " non-finite, not drawn)");
        }
        List<String> notes = new ArrayList<>();
        if (window > 1) {
            notes.add("faint: as logged; solid: moving average of " + window + " points");
        }
        if (series.stream().anyMatch(s -> s.nonFinite() > 0)) {
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
            longest = Math.max(longest, s.steps().length);
        }
        return autoWindow(longest);
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
}
