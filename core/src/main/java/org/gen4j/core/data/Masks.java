package org.gen4j.core.data;

import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gen4j.core.random.RandomStream;

/**
 * Masks for inpainting: which pixels of an {@code H x W} image are missing (the hole), as
 * {@code H * W} flags indexed {@code r * W + c}, true in the hole.
 *
 * <p>From an image file ({@link #read}): pixels brighter than half are the hole (a white hole on
 * black), the image scaled to the size first. Or by shape ({@link #shape}): {@code center} (a
 * centred square of half the side), {@code left-half}, {@code bottom-half}, {@code blocks} (four
 * random squares of a quarter of the side), {@code noise} (each pixel missing with probability
 * 0.8), the random ones drawn from a seed.
 */
public final class Masks {

    /** The shapes {@link #shape} draws. */
    public static final List<String> SHAPES = List.of("center", "left-half", "bottom-half",
            "blocks", "noise");

    private Masks() {}

    /**
     * A mask of a shape.
     *
     * @throws IllegalArgumentException for an unknown shape, naming the known ones
     */
    public static boolean[] shape(String name, int h, int w, long seed) {
        boolean[] hole = new boolean[h * w];
        RandomStream random = new RandomStream(seed);
        switch (name) {
            case "center" -> box(hole, w, h / 4, w / 4, h - h / 4, w - w / 4);
            case "left-half" -> box(hole, w, 0, 0, h, w / 2);
            case "bottom-half" -> box(hole, w, h / 2, 0, h, w);
            case "blocks" -> {
                int side = Math.max(1, Math.min(h, w) / 4);
                for (int i = 0; i < 4; i++) {
                    int top = random.nextInt(h - side + 1);
                    int left = random.nextInt(w - side + 1);
                    box(hole, w, top, left, top + side, left + side);
                }
            }
            case "noise" -> {
                for (int i = 0; i < hole.length; i++) {
                    hole[i] = random.nextDouble() < 0.8;
                }
            }
            default -> throw new IllegalArgumentException("unknown mask shape '" + name
                    + "'; give a mask image (white marks the hole) or one of " + SHAPES);
        }
        return hole;
    }

    private static void box(boolean[] hole, int w, int top, int left, int bottom, int right) {
        for (int r = top; r < bottom; r++) {
            for (int c = left; c < right; c++) {
                hole[r * w + c] = true;
            }
        }
    }

    /**
     * A mask from an image file, scaled to {@code h x w}: pixels brighter than half are the hole.
     *
     * @throws DataException if the file cannot be read as an image
     */
    public static boolean[] read(Path file, int h, int w) {
        if (!Files.isRegularFile(file)) {
            throw new DataException("mask '" + file + "' is not a file; give a mask image"
                    + " (white marks the hole) or one of " + SHAPES);
        }
        var image = ImagePlanes.read(file);
        byte[] planes = ImagePlanes.toPlanes(image, 1);
        if (image.getHeight() != h || image.getWidth() != w) {
            planes = ImagePlanes.resizePlanes(planes, 1, image.getHeight(), image.getWidth(), h,
                    w);
        }
        boolean[] hole = new boolean[h * w];
        for (int i = 0; i < hole.length; i++) {
            hole[i] = (planes[i] & 0xff) > 127;
        }
        return hole;
    }

    /** The mask named by {@code value}: a shape of {@link #SHAPES}, else an image file. */
    public static boolean[] of(String value, Shape imageShape, long seed) {
        int h = Math.toIntExact(imageShape.get(1));
        int w = Math.toIntExact(imageShape.get(2));
        return SHAPES.contains(value) ? shape(value, h, w, seed) : read(Path.of(value), h, w);
    }
}
