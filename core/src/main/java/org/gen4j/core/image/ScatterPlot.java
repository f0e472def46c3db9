package org.gen4j.core.image;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.gen4j.core.util.Ticks;

/**
 * Draws 2D point samples as a PNG scatter plot: the picture per epoch of a run on 2D data such as
 * a Gaussian mixture (8 modes on a ring, 25 on a grid).
 *
 * <p>Points are {@code N * 2} floats laid out (N, 2) row-major, (x, y) per point. They are drawn
 * as small translucent dots, so dense regions look darker. Optional reference centres (the modes
 * of the mixture) are drawn as red crosses. The axis range is fixed when given (so that pictures
 * of successive epochs compare), otherwise computed from the points and centres as a square range
 * with a 10% margin. Points that are not finite, or fall outside the range, are not drawn; their
 * counts are printed under the plot.
 *
 * <pre>{@code
 * ScatterPlot.builder().optRange(-2, 2, -2, 2).optCentres(modes).optTitle("epoch 3").build()
 *         .writePng(points, runDir.resolve("samples/epoch-003.png"));
 * }</pre>
 *
 * <p>An instance is immutable and thread-safe.
 */
public final class ScatterPlot {

    private static final int LEFT = 52;
    private static final int RIGHT = 12;
    private static final int TOP = 28;
    private static final int BOTTOM = 40;

    private final int width;
    private final int height;
    private final double[] range;
    private final float[] centres;
    private final String title;
    private final int pointSize;

    private ScatterPlot(Builder builder) {
        this.width = builder.width;
        this.height = builder.height;
        this.range = builder.range == null ? null : builder.range.clone();
        this.centres = builder.centres == null ? new float[0] : builder.centres.clone();
        this.title = builder.title;
        this.pointSize = builder.pointSize;
    }

    /** A builder with the defaults: 480 x 480 pixels, computed range, no centres, no title. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The axis range used for these points: the fixed range when one was set, otherwise a square
     * range around the finite points and centres, widened by 10%.
     *
     * @param points the points, (N, 2) row-major
     * @return {@code {xMin, xMax, yMin, yMax}}
     * @throws IllegalArgumentException if {@code points} is empty or of odd length
     */
    public double[] rangeFor(float[] points) {
        checkPoints(points, "points");
        if (range != null) {
            return range.clone();
        }
        double[] box = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        extend(box, points);
        extend(box, centres);
        if (box[0] > box[1]) {
            return new double[] {-1, 1, -1, 1};
        }
        double cx = (box[0] + box[1]) / 2;
        double cy = (box[2] + box[3]) / 2;
        double half = Math.max(box[1] - box[0], box[3] - box[2]) / 2 * 1.1;
        if (!(half > 1e-12 * Math.max(1, Math.max(Math.abs(cx), Math.abs(cy))))) {
            half = Math.max(1, Math.max(Math.abs(cx), Math.abs(cy)) * 0.1);
        }
        return new double[] {cx - half, cx + half, cy - half, cy + half};
    }

    private static void extend(double[] box, float[] xy) {
        for (int i = 0; i + 1 < xy.length; i += 2) {
            if (Float.isFinite(xy[i]) && Float.isFinite(xy[i + 1])) {
                box[0] = Math.min(box[0], xy[i]);
                box[1] = Math.max(box[1], xy[i]);
                box[2] = Math.min(box[2], xy[i + 1]);
                box[3] = Math.max(box[3], xy[i + 1]);
            }
        }
    }

    /**
     * Draws the scatter plot.
     *
     * @param points the points, (N, 2) row-major, N at least 1
     * @return an RGB image of the configured size
     * @throws IllegalArgumentException if {@code points} is empty or of odd length
     */
    public BufferedImage toBufferedImage(float[] points) {
        double[] r = rangeFor(points);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING,
                    RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                    RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            Frame f = new Frame(r, width, height);
            drawAxes(g, f);
            int[] skipped = drawPoints(g, f, points);
            drawCentres(g, f);
            drawLabels(g, f, points.length / 2, skipped);
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Draws the scatter plot and writes it as a PNG file, atomically.
     *
     * @param points the points, (N, 2) row-major, N at least 1
     * @param file the PNG file; replaced if present, parent folders created
     * @throws IllegalArgumentException if {@code points} is empty or of odd length
     * @throws IOException if the file cannot be written
     */
    public void writePng(float[] points, Path file) throws IOException {
        ImageFiles.writePng(toBufferedImage(points), file);
    }

    private void drawAxes(Graphics2D g, Frame f) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        double xStep = Ticks.step(f.x0, f.x1, 6);
        for (double t : Ticks.values(f.x0, f.x1, 6)) {
            float px = f.px(t);
            g.setColor(new Color(0xE6E6E6));
            g.draw(new Line2D.Float(px, f.top, px, f.bottom));
            g.setColor(Color.DARK_GRAY);
            String label = Ticks.format(t, xStep);
            g.drawString(label, px - fm.stringWidth(label) / 2f, f.bottom + 4 + fm.getAscent());
        }
        double yStep = Ticks.step(f.y0, f.y1, 6);
        for (double t : Ticks.values(f.y0, f.y1, 6)) {
            float py = f.py(t);
            g.setColor(new Color(0xE6E6E6));
            g.draw(new Line2D.Float(f.left, py, f.right, py));
            g.setColor(Color.DARK_GRAY);
            String label = Ticks.format(t, yStep);
            g.drawString(label, f.left - 5 - fm.stringWidth(label),
                    py + fm.getAscent() / 2f - 1);
        }
        g.setColor(new Color(0xB0B0B0));
        if (f.x0 < 0 && f.x1 > 0) {
            g.draw(new Line2D.Float(f.px(0), f.top, f.px(0), f.bottom));
        }
        if (f.y0 < 0 && f.y1 > 0) {
            g.draw(new Line2D.Float(f.left, f.py(0), f.right, f.py(0)));
        }
        g.setColor(Color.GRAY);
        g.drawRect(f.left, f.top, f.right - f.left, f.bottom - f.top);
    }

    /** Draws the points; returns {non-finite count, outside-range count}. */
    private int[] drawPoints(Graphics2D g, Frame f, float[] points) {
        int nonFinite = 0;
        int outside = 0;
        g.setColor(new Color(31, 119, 180, 110));
        double d = pointSize;
        for (int i = 0; i < points.length; i += 2) {
            float x = points[i];
            float y = points[i + 1];
            if (!Float.isFinite(x) || !Float.isFinite(y)) {
                nonFinite++;
            } else if (x < f.x0 || x > f.x1 || y < f.y0 || y > f.y1) {
                outside++;
            } else {
                g.fill(new Ellipse2D.Double(f.px(x) - d / 2, f.py(y) - d / 2, d, d));
            }
        }
        return new int[] {nonFinite, outside};
    }

    private void drawCentres(Graphics2D g, Frame f) {
        // Translucent, so that the dots under a covered mode stay visible.
        g.setColor(new Color(214, 39, 40, 190));
        g.setStroke(new BasicStroke(1.6f));
        float arm = 6f;
        for (int i = 0; i + 1 < centres.length; i += 2) {
            float px = f.px(centres[i]);
            float py = f.py(centres[i + 1]);
            g.draw(new Line2D.Float(px - arm, py - arm, px + arm, py + arm));
            g.draw(new Line2D.Float(px - arm, py + arm, px + arm, py - arm));
        }
        g.setStroke(new BasicStroke(1f));
    }

    private void drawLabels(Graphics2D g, Frame f, int n, int[] skipped) {
        g.setColor(Color.BLACK);
        FontMetrics fm = g.getFontMetrics();
        if (title != null && !title.isEmpty()) {
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString(title, f.left, TOP - 9);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        }
        StringBuilder note = new StringBuilder("N = ").append(n);
        if (skipped[0] > 0) {
            note.append(", ").append(skipped[0]).append(" not finite");
        }
        if (skipped[1] > 0) {
            note.append(", ").append(skipped[1]).append(" outside the range");
        }
        g.setColor(skipped[0] + skipped[1] > 0 ? new Color(180, 0, 0) : Color.DARK_GRAY);
        g.drawString(note.toString(), f.right - fm.stringWidth(note.toString()),
                height - 6);
    }

    private static void checkPoints(float[] points, String name) {
        Objects.requireNonNull(points, name + " is null");
        if (points.length == 0 || points.length % 2 != 0) {
            throw new IllegalArgumentException(name + " must be (N, 2) row-major with N >= 1, so"
                    + " a non-empty array of even length, got length " + points.length);
        }
    }

    /** Maps data coordinates to pixels. */
    private static final class Frame {
        final double x0;
        final double x1;
        final double y0;
        final double y1;
        final int left;
        final int right;
        final int top;
        final int bottom;

        Frame(double[] r, int width, int height) {
            x0 = r[0];
            x1 = r[1];
            y0 = r[2];
            y1 = r[3];
            left = LEFT;
            right = width - RIGHT;
            top = TOP;
            bottom = height - BOTTOM;
        }

        float px(double x) {
            return (float) (left + (x - x0) / (x1 - x0) * (right - left));
        }

        float py(double y) {
            return (float) (bottom - (y - y0) / (y1 - y0) * (bottom - top));
        }
    }

    /** Builds a {@link ScatterPlot}; every setting is optional. */
    public static final class Builder {

        private int width = 480;
        private int height = 480;
        private double[] range;
        private float[] centres;
        private String title;
        private int pointSize = 3;

        private Builder() {}

        /**
         * Sets the picture size.
         *
         * @param width the width in pixels, in [160, 4096]; default 480
         * @param height the height in pixels, in [160, 4096]; default 480
         * @return this builder
         */
        public Builder optSize(int width, int height) {
            if (width < 160 || width > 4096 || height < 160 || height > 4096) {
                throw new IllegalArgumentException("width and height must be in [160, 4096],"
                        + " got " + width + " x " + height);
            }
            this.width = width;
            this.height = height;
            return this;
        }

        /**
         * Fixes the axis range, so that the pictures of successive epochs compare.
         *
         * @param xMin the left end, finite
         * @param xMax the right end, finite and greater than {@code xMin}
         * @param yMin the bottom end, finite
         * @param yMax the top end, finite and greater than {@code yMin}
         * @return this builder
         */
        public Builder optRange(double xMin, double xMax, double yMin, double yMax) {
            if (!Double.isFinite(xMin) || !Double.isFinite(xMax) || !(xMax > xMin)) {
                throw new IllegalArgumentException("x range must be finite with xMax > xMin, got ["
                        + xMin + ", " + xMax + "]");
            }
            if (!Double.isFinite(yMin) || !Double.isFinite(yMax) || !(yMax > yMin)) {
                throw new IllegalArgumentException("y range must be finite with yMax > yMin, got ["
                        + yMin + ", " + yMax + "]");
            }
            this.range = new double[] {xMin, xMax, yMin, yMax};
            return this;
        }

        /**
         * Sets reference centres, drawn as red crosses (for example the modes of the mixture).
         *
         * @param centres the centres, (K, 2) row-major, K at least 1, finite; copied
         * @return this builder
         */
        public Builder optCentres(float[] centres) {
            checkPoints(centres, "centres");
            for (int i = 0; i < centres.length; i++) {
                if (!Float.isFinite(centres[i])) {
                    throw new IllegalArgumentException("centres must be finite, got " + centres[i]
                            + " at index " + i + " (centre " + i / 2 + ")");
                }
            }
            this.centres = centres.clone();
            return this;
        }

        /**
         * Sets a title printed above the plot, for example "epoch 3, step 1200".
         *
         * @param title the title; null or empty for none (the default)
         * @return this builder
         */
        public Builder optTitle(String title) {
            this.title = title;
            return this;
        }

        /**
         * Sets the diameter of the dots.
         *
         * @param pointSize the diameter in pixels, in [1, 20]; default 3
         * @return this builder
         */
        public Builder optPointSize(int pointSize) {
            if (pointSize < 1 || pointSize > 20) {
                throw new IllegalArgumentException(
                        "pointSize must be in [1, 20], got " + pointSize);
            }
            this.pointSize = pointSize;
            return this;
        }

        /** Builds the plot. */
        public ScatterPlot build() {
            return new ScatterPlot(this);
        }
    }
}
