package org.gen4j.models.ae.procedure;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.function.UnaryOperator;
import org.gen4j.core.procedure.Picture;
import org.gen4j.core.engine.HostArrays;

/**
 * The pictures of the autoencoder family: inputs beside their reconstructions, and the manifold
 * of a 2-D latent space.
 */
final class AePictures {

    /** Images per row of a reconstruction picture: a row of inputs, then their reconstructions. */
    static final int COLUMNS = 8;
    /** Points per side of a manifold grid. */
    static final int MANIFOLD_SIDE = 16;

    private AePictures() {}

    /**
     * Rows of {@value #COLUMNS} inputs, each followed by the row of their reconstructions.
     *
     * @param x the inputs {@code (N, ...)}
     * @param reconstruct their reconstructions, shaped like {@code x}
     */
    static Picture reconstructions(NDArray x, UnaryOperator<NDArray> reconstruct) {
        long n = x.getShape().get(0) / COLUMNS * COLUMNS;
        if (n == 0) {
            n = x.getShape().get(0);
        }
        NDArray inputs = x.get(new NDIndex("0:{}", n));
        NDArray outputs = reconstruct.apply(inputs);
        NDList rows = new NDList();
        for (long start = 0; start < n; start += COLUMNS) {
            long end = Math.min(n, start + COLUMNS);
            rows.add(inputs.get(new NDIndex("{}:{}", start, end)));
            rows.add(outputs.get(new NDIndex("{}:{}", start, end)));
        }
        return Picture.grid("reconstructions", "inputs (odd rows) and their reconstructions"
                + " (even rows)", NDArrays.concat(rows, 0), (int) Math.min(COLUMNS, n));
    }

    /**
     * The decoded points of a regular grid over the prior's quantiles, for a 2-D latent space:
     * row i, column j decodes {@code (q(j), q(i))} with {@code q(t) = Phi^-1((t + 1/2) / side)}.
     */
    static Picture manifold(NDManager manager, UnaryOperator<NDArray> decode) {
        int side = MANIFOLD_SIDE;
        float[] z = new float[side * side * 2];
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                z[2 * (i * side + j)] = (float) NormalQuantile.of((j + 0.5) / side);
                z[2 * (i * side + j) + 1] = (float) NormalQuantile.of((i + 0.5) / side);
            }
        }
        NDArray images = decode.apply(HostArrays.create(manager, z, new Shape(side * side, 2)));
        return Picture.grid("manifold", "the decoder over the prior's quantiles", images, side);
    }
}
