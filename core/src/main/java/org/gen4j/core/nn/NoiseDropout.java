package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Objects;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.engine.HostArrays;

/**
 * Dropout whose masks come from a gen4j {@link RandomStream}, not the engine's generator: a
 * resumed run draws the masks a straight run drew, and both engines draw the same ones. pix2pix
 * uses it as its generator's noise, at training and (as in the paper) at inference.
 *
 * <p>Each value is kept with probability {@code 1 - p} and scaled by {@code 1 / (1 - p)}, or set
 * to 0. The blocks of one network share a {@link Noise}: the procedure gives it a stream before
 * each forward pass ({@link Noise#use}), and the blocks draw from it in the order they run.
 * Create it with {@link Layers#noiseDropout(float, Noise, boolean)}.
 */
public final class NoiseDropout extends AbstractBlock {

    private static final byte VERSION = 1;

    private final float rate;
    private final Noise noise;
    private final boolean atInference;

    /** The stream the dropout blocks of one network draw from. */
    public static final class Noise {
        private RandomStream stream;

        /** Makes the next forward passes draw from {@code stream}. */
        public void use(RandomStream stream) {
            this.stream = Objects.requireNonNull(stream, "stream is null");
        }

        RandomStream stream() {
            if (stream == null) {
                throw new IllegalStateException("a network with NoiseDropout needs a stream:"
                        + " call Noise.use(stream) before its forward pass");
            }
            return stream;
        }
    }

    NoiseDropout(float rate, Noise noise, boolean atInference) {
        super(VERSION);
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
        this.noise = Objects.requireNonNull(noise, "noise is null");
        this.atInference = atInference;
    }

    /** The probability of dropping a value. */
    public float rate() {
        return rate;
    }

    /** Whether it also drops values in inference mode. */
    public boolean atInference() {
        return atInference;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs,
            boolean training, PairList<String, Object> params) {
        NDArray x = Layers.single(NoiseDropout.class, inputs);
        if ((!training && !atInference) || rate == 0) {
            return new NDList(x);
        }
        RandomStream random = noise.stream();
        float[] mask = new float[Math.toIntExact(x.size())];
        float keep = 1 / (1 - rate);
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextDouble() < rate ? 0f : keep;
        }
        return new NDList(x.mul(HostArrays.create(x.getManager(), mask, x.getShape())));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {Layers.single(NoiseDropout.class, inputShapes)};
    }

    @Override
    public String toString() {
        return "NoiseDropout(" + rate + (atInference ? ", at inference" : "") + ")";
    }
}
