package org.gen4j.models.gan.progan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import org.gen4j.core.engine.Scalars;

/** The parameter-free operations of ProGAN's networks, on {@code (N, C, H, W)} arrays. */
final class ProGanOps {

    private static final float SLOPE = 0.2f;
    private static final float EPSILON = 1e-8f;

    private ProGanOps() {}

    /** LeakyReLU 0.2. */
    static NDArray lrelu(NDArray x) {
        return Activation.leakyRelu(x, SLOPE);
    }

    /**
     * Pixelwise feature normalisation (section 4.2): each pixel's feature vector divided by its
     * root mean square over the channels, {@code x / sqrt(mean_c(x^2) + 1e-8)}; for {@code (N,
     * D)} vectors over D.
     */
    static NDArray pixelNorm(NDArray x) {
        return x.div(x.square().mean(new int[] {1}, true).add(EPSILON).sqrt());
    }

    /** {@code (1 - alpha) low + alpha high}. */
    static NDArray fade(NDArray low, NDArray high, float alpha) {
        return Scalars.mul(low, 1 - alpha).add(Scalars.mul(high, alpha));
    }

    /**
     * Minibatch standard deviation (section 3): the standard deviation of each feature and pixel
     * over the batch, averaged to one value, appended as a constant channel.
     */
    static NDArray minibatchStd(NDArray x) {
        Shape s = x.getShape();
        NDArray centred = x.sub(x.mean(new int[] {0}, true));
        NDArray std = centred.square().mean(new int[] {0}).add(EPSILON).sqrt().mean();
        NDArray plane = x.getManager().ones(new Shape(s.get(0), 1, s.get(2), s.get(3))).mul(std);
        return x.concat(plane, 1);
    }
}
