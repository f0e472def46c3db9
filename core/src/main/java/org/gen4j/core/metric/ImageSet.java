package org.gen4j.core.metric;

import java.util.Objects;

/**
 * An immutable batch of {@code count} images of shape {@code (channels, height, width)}, stored
 * row-major as floats (image after image, channel after channel, row after row).
 *
 * <p>The pixel range is the caller's: metrics that depend on it (PSNR, SSIM) take it as the
 * option {@code data-range} (2 for gen4j's [-1, 1] images, 1 for [0, 1], 255 for bytes).
 */
public final class ImageSet {

    private final String name;
    private final int count;
    private final int channels;
    private final int height;
    private final int width;
    private final float[] pixels;

    private ImageSet(String name, int count, int channels, int height, int width, float[] pixels) {
        this.name = name;
        this.count = count;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.pixels = pixels;
    }

    /**
     * A set of images.
     *
     * @param name what the images are, for messages (for example "generated images")
     * @param pixels {@code count * channels * height * width} finite values; copied
     * @param count the number of images, &gt;= 1
     * @param channels channels per image, &gt;= 1
     * @param height rows per image, &gt;= 1
     * @param width columns per image, &gt;= 1
     * @throws IllegalArgumentException if empty, of the wrong length or not finite
     */
    public static ImageSet of(String name, float[] pixels, int count, int channels, int height,
            int width) {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(pixels, name + " is null");
        if (count == 0 || pixels.length == 0) {
            throw new IllegalArgumentException(
                    name + ": the set is empty (0 images); at least 1 image is needed");
        }
        if (count < 0 || channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException(name + ": count, channels, height and width must be"
                    + " >= 1, got " + count + ", " + channels + ", " + height + ", " + width);
        }
        long expected = (long) count * channels * height * width;
        if (expected != pixels.length) {
            throw new IllegalArgumentException(name + ": " + pixels.length + " values are not "
                    + count + " images of shape (" + channels + ", " + height + ", " + width + ") ("
                    + expected + " values)");
        }
        int per = channels * height * width;
        for (int i = 0; i < pixels.length; i++) {
            if (!Float.isFinite(pixels[i])) {
                throw new IllegalArgumentException(name + ": value " + pixels[i] + " in image "
                        + i / per + "; every pixel must be finite");
            }
        }
        return new ImageSet(name, count, channels, height, width, pixels.clone());
    }

    /** What the images are, as used in messages. */
    public String name() {
        return name;
    }

    /** The number of images. */
    public int count() {
        return count;
    }

    /** Channels per image. */
    public int channels() {
        return channels;
    }

    /** Rows per image. */
    public int height() {
        return height;
    }

    /** Columns per image. */
    public int width() {
        return width;
    }

    /** The pixel at image {@code n}, channel {@code c}, row {@code y}, column {@code x}. */
    public float get(int n, int c, int y, int x) {
        Objects.checkIndex(n, count);
        Objects.checkIndex(c, channels);
        Objects.checkIndex(y, height);
        Objects.checkIndex(x, width);
        return pixels[((n * channels + c) * height + y) * width + x];
    }

    /** All pixels row-major; a copy. */
    public float[] toArray() {
        return pixels.clone();
    }

    /** Whether {@code other} has the same count and image shape. */
    public boolean sameShape(ImageSet other) {
        return count == other.count && channels == other.channels && height == other.height
                && width == other.width;
    }

    /** The shape as text, {@code count x (C, H, W)}. */
    public String shapeString() {
        return count + " x (" + channels + ", " + height + ", " + width + ")";
    }

    @Override
    public String toString() {
        return name + " (" + shapeString() + ")";
    }
}
