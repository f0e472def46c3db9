package org.gen4j.core.image;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.gen4j.core.util.AtomicFiles;

/**
 * Converts images held as floats in [-1, 1] to 8-bit pixels, and writes them as PNG files.
 *
 * <p>An image is {@code C * H * W} floats laid out (C, H, W) row-major, with C = 1 (gray) or 3
 * (RGB). A value v becomes the byte {@code round((v + 1) * 127.5)} clamped to [0, 255], so -1 maps
 * to 0, 0 to 128 and 1 to 255; NaN maps to 0. Files are written atomically: a reader sees the old
 * file or the new one, never a partial one.
 */
public final class ImageFiles {

    private ImageFiles() {}

    /**
     * Maps one value in [-1, 1] to a byte in [0, 255].
     *
     * @param v the value; values outside [-1, 1] are clamped, NaN gives 0
     * @return {@code round((v + 1) * 127.5)} clamped to [0, 255]
     */
    public static int toByte(float v) {
        if (Float.isNaN(v)) {
            return 0;
        }
        long b = Math.round((v + 1.0) * 127.5);
        return (int) Math.max(0, Math.min(255, b));
    }

    /**
     * Converts one image to a {@link BufferedImage}: {@code TYPE_BYTE_GRAY} for C = 1 and
     * {@code TYPE_INT_RGB} for C = 3.
     *
     * @param data the values, in [-1, 1]
     * @param offset the index of the image's first value in {@code data}
     * @param c the number of channels, 1 or 3
     * @param h the height in pixels, at least 1
     * @param w the width in pixels, at least 1
     * @return a new image of size {@code w x h}
     * @throws IllegalArgumentException if {@code c} is not 1 or 3, a size is not positive, or
     *     {@code data} holds fewer than {@code offset + c * h * w} values
     */
    public static BufferedImage toBufferedImage(float[] data, int offset, int c, int h, int w) {
        return toBufferedImage(data, offset, c, h, w, 1);
    }

    /**
     * Converts one image to a {@link BufferedImage} enlarged by an integer factor (nearest
     * neighbour), so that small images stay sharp when viewed.
     *
     * @param data the values, in [-1, 1]
     * @param offset the index of the image's first value in {@code data}
     * @param c the number of channels, 1 or 3
     * @param h the height in pixels, at least 1
     * @param w the width in pixels, at least 1
     * @param scale the enlargement factor, in [1, 64]
     * @return a new image of size {@code (w * scale) x (h * scale)}
     * @throws IllegalArgumentException on an invalid channel count, size, scale or offset
     */
    public static BufferedImage toBufferedImage(
            float[] data, int offset, int c, int h, int w, int scale) {
        checkImage(data, offset, c, h, w);
        checkScale(scale);
        checkPixels("image", (long) w * scale, (long) h * scale);
        BufferedImage image = new BufferedImage(w * scale, h * scale,
                c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        draw(image.getRaster(), data, offset, c, h, w, scale, 0, 0);
        return image;
    }

    /**
     * Writes one image as a PNG file, atomically; parent folders are created.
     *
     * @param data the values, in [-1, 1]
     * @param offset the index of the image's first value in {@code data}
     * @param c the number of channels, 1 (8-bit gray PNG) or 3 (8-bit RGB PNG)
     * @param h the height in pixels, at least 1
     * @param w the width in pixels, at least 1
     * @param file the PNG file to write; replaced if present
     * @throws IllegalArgumentException on an invalid channel count, size or offset
     * @throws IOException if the file cannot be written
     */
    public static void writePng(float[] data, int offset, int c, int h, int w, Path file)
            throws IOException {
        writePng(toBufferedImage(data, offset, c, h, w), file);
    }

    /**
     * Writes a {@link BufferedImage} as a PNG file, atomically; parent folders are created.
     *
     * @param image the image
     * @param file the PNG file to write; replaced if present
     * @throws IOException if the file cannot be written, or no PNG writer accepts the image
     */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        Objects.requireNonNull(image, "image is null");
        Objects.requireNonNull(file, "file is null");
        AtomicFiles.write(file, out -> {
            // An in-memory image stream: ImageIO's default file-cached one is closed by its own
            // JVM shutdown hook, so a picture written while a signal stops the run failed.
            try (javax.imageio.stream.ImageOutputStream ios =
                    new javax.imageio.stream.MemoryCacheImageOutputStream(out)) {
                if (!ImageIO.write(image, "png", ios)) {
                    throw new IOException("No PNG writer for an image of type "
                            + image.getType() + " (writing " + file + ")");
                }
            }
        });
    }

    /**
     * Draws one image into a raster at {@code (x0, y0)}, enlarged by {@code scale}. The raster has
     * 1 band for C = 1 and 3 bands (or an RGB packed model) for C = 3.
     */
    static void draw(WritableRaster raster, float[] data, int offset, int c, int h, int w,
            int scale, int x0, int y0) {
        int plane = h * w;
        int[] pixel = new int[c];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = offset + y * w + x;
                for (int k = 0; k < c; k++) {
                    pixel[k] = toByte(data[i + k * plane]);
                }
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        raster.setPixel(x0 + x * scale + dx, y0 + y * scale + dy, pixel);
                    }
                }
            }
        }
    }

    /** Checks the channel count, the sizes and that {@code data} holds the image. */
    static void checkImage(float[] data, int offset, int c, int h, int w) {
        Objects.requireNonNull(data, "data is null");
        checkShape(c, h, w);
        long needed = (long) c * h * w;
        if (offset < 0 || offset + needed > data.length) {
            throw new IllegalArgumentException("image at offset " + offset + " of shape (" + c
                    + ", " + h + ", " + w + ") needs values [" + offset + ", " + (offset + needed)
                    + ") but data has length " + data.length);
        }
    }

    /** Checks that C is 1 or 3 and that H and W are positive. */
    static void checkShape(int c, int h, int w) {
        if (c != 1 && c != 3) {
            throw new IllegalArgumentException(
                    "channels C must be 1 (gray) or 3 (RGB), got " + c);
        }
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException(
                    "height H and width W must be >= 1, got H=" + h + ", W=" + w);
        }
    }

    /** Checks an enlargement factor. */
    static void checkScale(int scale) {
        if (scale < 1 || scale > 64) {
            throw new IllegalArgumentException("scale must be in [1, 64], got " + scale);
        }
    }

    /** Checks that an image of this size can be held in one Java array. */
    static void checkPixels(String what, long width, long height) {
        if (width * height > 1L << 28) {
            throw new IllegalArgumentException(what + " would be " + width + " x " + height
                    + " pixels, more than the limit of 2^28 pixels; use a smaller scale or fewer"
                    + " images");
        }
    }
}
