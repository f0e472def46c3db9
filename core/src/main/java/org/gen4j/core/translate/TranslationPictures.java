package org.gen4j.core.translate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import org.gen4j.core.nn.Resampling;
import org.gen4j.core.procedure.Picture;

/**
 * The epoch picture of an image-to-image procedure: rows of (input, output, target) triples, the
 * input enlarged by nearest neighbours to the output's size and its channels repeated to the
 * output's, so that all three share one grid.
 */
public final class TranslationPictures {

    /** Triples per grid. */
    public static final int MAX_TRIPLES = 16;

    private TranslationPictures() {}

    /**
     * The picture.
     *
     * @param inputs {@code (n, C, h, w)}
     * @param outputs {@code (n, C', H, W)}, {@code H} a multiple of {@code h}
     * @param targets {@code (n, C', H, W)}, or null to show input and output only
     */
    public static Picture triples(String caption, NDArray inputs, NDArray outputs,
            NDArray targets) {
        return triples(Picture.SAMPLES, caption, inputs, outputs, targets);
    }

    /** As {@link #triples(String, NDArray, NDArray, NDArray)}, under another picture name. */
    public static Picture triples(String name, String caption, NDArray inputs, NDArray outputs,
            NDArray targets) {
        NDArray shown = toOutputShape(inputs, outputs.getShape());
        int per = targets == null ? 2 : 3;
        long n = outputs.getShape().get(0);
        NDArray grid = targets == null ? NDArrays.stack(new NDList(shown,
                outputs), 1) : NDArrays.stack(new NDList(shown, outputs,
                targets), 1);
        Shape s = outputs.getShape();
        grid = grid.reshape(new Shape(n * per).addAll(s.slice(1)));
        return Picture.grid(name, caption, grid, per * 4);
    }

    /** Images enlarged by nearest neighbours and their channels repeated to {@code shape}. */
    public static NDArray toOutputShape(NDArray images, Shape shape) {
        Shape s = images.getShape();
        long factor = shape.get(2) / s.get(2);
        NDArray x = factor > 1 ? Resampling.up(images, Math.toIntExact(factor))
                : images;
        if (s.get(1) == 1 && shape.get(1) > 1) {
            x = x.repeat(1, shape.get(1));
        } else if (s.get(1) != shape.get(1)) {
            x = x.mean(new int[] {1}, true).repeat(1, shape.get(1));
        }
        if (!x.getShape().slice(1).equals(shape.slice(1))) {
            throw new IllegalArgumentException("cannot show images " + s + " beside " + shape);
        }
        return x;
    }
}
