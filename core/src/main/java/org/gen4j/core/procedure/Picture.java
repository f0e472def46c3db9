package org.gen4j.core.procedure;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;

/**
 * A picture a procedure shows after every epoch, written to the run folder and the report: a grid
 * of images (samples, one row per class, reconstructions beside their inputs), or a scatter plot
 * of 2-D points.
 *
 * @param name the file stem: {@code samples} is written as {@code samples/epoch-NNN.png}, any
 *     other name as {@code samples/<name>-epoch-NNN.png}
 * @param caption a few words for the report ("one row per class")
 * @param values the images (pixels in [-1, 1], image after image) or the points ({@code (x, y)}
 *     pairs)
 * @param count the number of images or points
 * @param sampleShape one image's shape {@code (C, H, W)}, or {@code (2)} for points
 * @param columns images per row of a grid (0: the grid decides); ignored for points
 */
public record Picture(String name, String caption, float[] values, int count, Shape sampleShape,
        int columns) {

    /** The name of the main picture, written as {@code samples/epoch-NNN.png}. */
    public static final String SAMPLES = "samples";

    /** Validates. */
    public Picture {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(caption, "caption is null");
        Objects.requireNonNull(values, "values is null");
        Objects.requireNonNull(sampleShape, "sampleShape is null");
        if (count < 1 || (long) count * sampleShape.size() != values.length) {
            throw new IllegalArgumentException("picture " + name + ": " + values.length
                    + " values are not " + count + " samples of shape " + sampleShape);
        }
    }

    /** A grid of the images in an array {@code (N, C, H, W)}. */
    public static Picture grid(String name, String caption, NDArray images, int columns) {
        Shape s = images.getShape();
        return new Picture(name, caption, images.toFloatArray(), Math.toIntExact(s.get(0)),
                s.slice(1), columns);
    }

    /** Whether this is a scatter plot of points rather than a grid of images. */
    public boolean isPoints() {
        return sampleShape.dimension() == 1;
    }
}
