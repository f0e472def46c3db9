package org.gen4j.core.procedure;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.function.BinaryOperator;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.engine.HostArrays;

/**
 * The epoch picture of a conditional latent-variable procedure (a conditional GAN or VAE): one
 * row per class, each column one latent vector shared by every row, so that a column shows one
 * style in every class. The vectors come from the fixed stream {@code grid}.
 */
public final class ClassRows {

    private ClassRows() {}

    /**
     * The picture.
     *
     * @param classes the number of classes (rows)
     * @param latentSize the size of a latent vector
     * @param generate decodes {@code (N, latentSize)} vectors and {@code (N)} int32 labels to
     *     images
     */
    public static Picture picture(PictureContext context, int classes, int latentSize,
            BinaryOperator<NDArray> generate) {
        int columns = Math.max(1, context.sampleCount() / classes);
        RandomStream grid = context.fixed("grid");
        float[] zc = new float[columns * latentSize];
        grid.fillGaussian(zc, 1f);
        float[] z = new float[classes * columns * latentSize];
        int[] labels = new int[classes * columns];
        for (int k = 0; k < classes; k++) {
            System.arraycopy(zc, 0, z, k * columns * latentSize, zc.length);
            for (int j = 0; j < columns; j++) {
                labels[k * columns + j] = k;
            }
        }
        NDManager m = context.manager();
        NDArray images = generate.apply(HostArrays.create(m,
                z, new Shape(classes * columns, latentSize)),
                HostArrays.create(m, labels));
        return Picture.grid(Picture.SAMPLES, "one row per class", images, columns);
    }
}
