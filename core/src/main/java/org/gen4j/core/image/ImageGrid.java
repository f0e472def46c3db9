package org.gen4j.core.image;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Lays out a batch of N images as one grid picture and writes it as a PNG file: the sample grid
 * of a training run.
 *
 * <p>The batch is {@code N * C * H * W} floats in [-1, 1], laid out (N, C, H, W) row-major, with
 * C = 1 (gray) or 3 (RGB). Images fill the grid row by row. Each cell is the image enlarged by an
 * integer factor (nearest neighbour); cells are separated, and the grid surrounded, by a border of
 * {@code padding} pixels of one gray level. Pixel values follow {@link ImageFiles#toByte(float)}.
 *
 * <pre>{@code
 * ImageGrid.builder().optColumns(8).optScale(2).build()
 *         .writePng(samples, 64, 1, 28, 28, runDir.resolve("samples/epoch-003.png"));
 * }</pre>
 *
 * <p>With the defaults the grid is {@code ceil(sqrt(N))} columns wide, with a 2-pixel black
 * border and no enlargement. An instance is immutable and thread-safe.
 */
public final class ImageGrid {

    private final int columns;
    private final int padding;
    private final int scale;
    private final int padValue;

    private ImageGrid(Builder builder) {
        this.columns = builder.columns;
        this.padding = builder.padding;
        this.scale = builder.scale;
        this.padValue = builder.padValue;
    }

    /** A builder with the defaults: automatic columns, padding 2, scale 1, black padding. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes a batch as a PNG grid with the default layout (ceil(sqrt(N)) columns, 2-pixel
     * padding, no enlargement).
     *
     * @param data the values, (N, C, H, W) row-major, in [-1, 1]
     * @param n the number of images, at least 1
     * @param c the number of channels, 1 or 3
     * @param h the image height in pixels
     * @param w the image width in pixels
     * @param file the PNG file; written atomically, parent folders created
     * @throws IllegalArgumentException if the shape is invalid or does not match {@code data}
     * @throws IOException if the file cannot be written
     */
    public static void write(float[] data, int n, int c, int h, int w, Path file)
            throws IOException {
        builder().build().writePng(data, n, c, h, w, file);
    }

    /**
     * The number of columns used for N images: the configured number (at most N), or
     * {@code ceil(sqrt(N))} when none was set.
     *
     * @param n the number of images, at least 1
     * @return the number of grid columns, in [1, N]
     */
    public int columnsFor(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("number of images N must be >= 1, got " + n);
        }
        if (columns > 0) {
            return Math.min(columns, n);
        }
        int cols = (int) Math.ceil(Math.sqrt(n));
        // Guard against rounding in sqrt: the smallest cols with cols * cols >= n.
        while (cols > 1 && (long) (cols - 1) * (cols - 1) >= n) {
            cols--;
        }
        while ((long) cols * cols < n) {
            cols++;
        }
        return cols;
    }

    /**
     * Checks, before any image exists, that a grid of {@code n} images of {@code h x w} fits one
     * image (at most 2^28 pixels).
     *
     * @throws IllegalArgumentException naming the grid's size and the limit
     */
    public void checkSize(int n, int h, int w) {
        if (n < 1) {
            throw new IllegalArgumentException("number of images N must be >= 1, got " + n);
        }
        int cols = columnsFor(n);
        int rows = (n + cols - 1) / cols;
        long width = cols * ((long) w * scale + padding) + padding;
        long height = rows * ((long) h * scale + padding) + padding;
        ImageFiles.checkPixels("grid of " + rows + " x " + cols + " images", width, height);
    }

    /**
     * Lays out a batch as one image.
     *
     * @param data the values, (N, C, H, W) row-major, in [-1, 1]
     * @param n the number of images, at least 1
     * @param c the number of channels, 1 or 3
     * @param h the image height in pixels
     * @param w the image width in pixels
     * @return a gray ({@code TYPE_BYTE_GRAY}) or RGB ({@code TYPE_INT_RGB}) image of width
     *     {@code cols * (w * scale + padding) + padding} and height
     *     {@code rows * (h * scale + padding) + padding}, where {@code rows = ceil(N / cols)}
     * @throws IllegalArgumentException if the shape is invalid or does not match {@code data}
     */
    public BufferedImage toBufferedImage(float[] data, int n, int c, int h, int w) {
        Objects.requireNonNull(data, "data is null");
        if (n < 1) {
            throw new IllegalArgumentException("number of images N must be >= 1, got " + n);
        }
        ImageFiles.checkShape(c, h, w);
        long expected = (long) n * c * h * w;
        if (data.length != expected) {
            throw new IllegalArgumentException("data length must be N*C*H*W = " + n + "*" + c
                    + "*" + h + "*" + w + " = " + expected + " for shape (" + n + ", " + c + ", "
                    + h + ", " + w + "), got " + data.length);
        }
        checkSize(n, h, w);
        int cols = columnsFor(n);
        int rows = (n + cols - 1) / cols;
        long cellW = (long) w * scale + padding;
        long cellH = (long) h * scale + padding;
        long width = cols * cellW + padding;
        long height = rows * cellH + padding;

        BufferedImage image = new BufferedImage((int) width, (int) height,
                c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        WritableRaster raster = image.getRaster();
        int bands = raster.getNumBands();
        int[] fill = new int[(int) width * bands];
        Arrays.fill(fill, padValue);
        for (int y = 0; y < height; y++) {
            raster.setPixels(0, y, (int) width, 1, fill);
        }
        int plane = c * h * w;
        for (int i = 0; i < n; i++) {
            int x0 = (int) ((i % cols) * cellW + padding);
            int y0 = (int) ((i / cols) * cellH + padding);
            ImageFiles.draw(raster, data, i * plane, c, h, w, scale, x0, y0);
        }
        return image;
    }

    /**
     * Lays out a batch as one image and writes it as a PNG file, atomically.
     *
     * @param data the values, (N, C, H, W) row-major, in [-1, 1]
     * @param n the number of images, at least 1
     * @param c the number of channels, 1 (gray PNG) or 3 (RGB PNG)
     * @param h the image height in pixels
     * @param w the image width in pixels
     * @param file the PNG file; replaced if present, parent folders created
     * @throws IllegalArgumentException if the shape is invalid or does not match {@code data}
     * @throws IOException if the file cannot be written
     */
    public void writePng(float[] data, int n, int c, int h, int w, Path file) throws IOException {
        ImageFiles.writePng(toBufferedImage(data, n, c, h, w), file);
    }

    /** Builds an {@link ImageGrid}; every setting is optional. */
    public static final class Builder {

        private int columns;
        private int padding = 2;
        private int scale = 1;
        private int padValue;

        private Builder() {}

        /**
         * Sets the number of columns.
         *
         * @param columns the number of columns, at least 1 (fewer are used when N is smaller);
         *     0 means automatic, {@code ceil(sqrt(N))}, the default
         * @return this builder
         */
        public Builder optColumns(int columns) {
            if (columns < 0) {
                throw new IllegalArgumentException(
                        "columns must be >= 1, or 0 for automatic, got " + columns);
            }
            this.columns = columns;
            return this;
        }

        /**
         * Sets the border width between cells and around the grid.
         *
         * @param padding the width in pixels of the output (not enlarged), in [0, 64]; default 2
         * @return this builder
         */
        public Builder optPadding(int padding) {
            if (padding < 0 || padding > 64) {
                throw new IllegalArgumentException("padding must be in [0, 64], got " + padding);
            }
            this.padding = padding;
            return this;
        }

        /**
         * Sets the enlargement factor (nearest neighbour) for small images.
         *
         * @param scale the factor, in [1, 64]; default 1
         * @return this builder
         */
        public Builder optScale(int scale) {
            ImageFiles.checkScale(scale);
            this.scale = scale;
            return this;
        }

        /**
         * Sets the gray level of the padding.
         *
         * @param padValue the level, in [0, 255] (0 black, 255 white); default 0
         * @return this builder
         */
        public Builder optPadValue(int padValue) {
            if (padValue < 0 || padValue > 255) {
                throw new IllegalArgumentException(
                        "padValue must be in [0, 255], got " + padValue);
            }
            this.padValue = padValue;
            return this;
        }

        /** Builds the grid layout. */
        public ImageGrid build() {
            return new ImageGrid(this);
        }
    }
}
