package org.gen4j.models.autoregressive.procedure;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.gen4j.core.likelihood.PixelLikelihoods;
import org.gen4j.core.procedure.SampleContext;
import org.gen4j.core.procedure.SampleRequest;
import java.util.Optional;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.engine.HostArrays;

/**
 * Draws images from an autoregressive model one value at a time, in raster order (rows, then
 * columns, then channels R, G, B): each value is drawn from the distribution the network gives
 * it, then written into the image before the next one is predicted.
 *
 * <p>Each image draws from its own stream, seeded from the request's stream in image order, so
 * that sampling {@code n} images in chunks gives the images of sampling them at once.
 *
 * <p>Naive sampling runs the network once per value, on the rows up to the current one only (by
 * causality their outputs are those of the whole image). Cached sampling ({@link
 * ConvStackSampler}, for networks it can compile) computes each layer at the current position
 * only.
 */
final class PixelSampler {

    private final Autoregressive model;
    private final SampleContext context;
    private final boolean cached;

    PixelSampler(Autoregressive model, SampleContext context, boolean cached) {
        this.model = model;
        this.context = context;
        this.cached = cached;
    }

    /** The outputs of one value of every image, given the values drawn so far. */
    private interface Outputs {
        /** {@code k} outputs per image, image after image, for value {@code ch} of {@code (r, c)}. */
        float[] at(float[] x, int r, int c, int ch);

        /** Records a value, drawn or known. */
        default void set(int image, int r, int c, int ch, float value) {}

        /** Whether every position must be computed, known ones too (a cache of activations). */
        default boolean cached() {
            return false;
        }
    }

    /** The images, {@code (count, C, H, W)} in [-1, 1], in the context's manager. */
    NDArray sample(SampleRequest request) {
        return complete(request, null, null);
    }

    /**
     * Completes images: the pixels where {@code fill} is true (indexed {@code r * W + c}) are
     * drawn in raster order, given every pixel before them; the others keep their values of
     * {@code known}, {@code (count, C, H, W)} row-major.
     *
     * @param known the images, or null to draw every pixel
     * @param fill the pixels to draw, or null for all
     */
    NDArray complete(SampleRequest request, float[] known, boolean[] fill) {
        int n = request.count();
        int[] labels = labels(request);
        RandomStream[] streams = new RandomStream[n];
        for (int i = 0; i < n; i++) {
            streams[i] = new RandomStream(request.random().nextLong());
        }
        Shape sample = model.data().sampleShape();
        int channels = Math.toIntExact(sample.get(0));
        int height = Math.toIntExact(sample.get(1));
        int width = Math.toIntExact(sample.get(2));
        int k = model.output().outputsPerValue();
        float[] x = known == null ? new float[n * channels * height * width] : known.clone();
        Outputs outputs = outputs(n, labels, sample, k);
        long total = (long) height * width * channels;
        long done = 0;
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                boolean toFill = fill == null || fill[r * width + c];
                for (int ch = 0; ch < channels; ch++) {
                    float[] logits = toFill || outputs.cached() ? outputs.at(x, r, c, ch) : null;
                    for (int i = 0; i < n; i++) {
                        int at = ((i * channels + ch) * height + r) * width + c;
                        if (toFill) {
                            x[at] = draw(logits, i * k, k, streams[i]);
                        }
                        outputs.set(i, r, c, ch, x[at]);
                    }
                    request.progress().advance(++done, total);
                }
            }
        }
        return HostArrays.create(context.manager(), x, new Shape(n).addAll(sample));
    }

    private Outputs outputs(int n, int[] labels, Shape sample, int k) {
        int channels = Math.toIntExact(sample.get(0));
        int height = Math.toIntExact(sample.get(1));
        int width = Math.toIntExact(sample.get(2));
        var compiled = cached && labels == null
                ? ConvStackSampler.of(model.network(), channels)
                : Optional.<ConvStackSampler>empty();
        if (compiled.isEmpty()) {
            return (x, r, c, ch) -> logitsAt(x, labels, n, sample, r, c, ch, k);
        }
        ConvStackSampler.State state = compiled.get().new State(n, height, width);
        return new Outputs() {
            @Override
            public float[] at(float[] x, int r, int c, int ch) {
                float[] all = state.at(r, c);
                float[] out = new float[n * k];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < k; j++) {
                        out[i * k + j] = all[(i * k + j) * channels + ch];
                    }
                }
                return out;
            }

            @Override
            public void set(int image, int r, int c, int ch, float value) {
                state.set(image, r, c, ch, value);
            }

            @Override
            public boolean cached() {
                return true;
            }
        };
    }

    private int[] labels(SampleRequest request) {
        if (model.numClasses() == 0) {
            if (request.labels() != null) {
                throw new IllegalArgumentException("this " + model.architecture() + " is not"
                        + " conditional: it takes no classes");
            }
            return null;
        }
        if (request.labels() != null) {
            return request.labels();
        }
        int[] labels = new int[request.count()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % model.numClasses();
        }
        return labels;
    }

    /** The {@code k} outputs of value {@code (ch, r, c)} of every image, image after image. */
    private float[] logitsAt(float[] x, int[] labels, int n, Shape sample, int r, int c, int ch,
            int k) {
        int channels = Math.toIntExact(sample.get(0));
        int height = Math.toIntExact(sample.get(1));
        int width = Math.toIntExact(sample.get(2));
        int rows = r + 1;
        float[] crop = new float[n * channels * rows * width];
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < channels; q++) {
                System.arraycopy(x, (i * channels + q) * height * width, crop,
                        (i * channels + q) * rows * width, rows * width);
            }
        }
        try (NDManager m = context.manager().newSubManager()) {
            NDArray in = HostArrays.create(m, crop, new Shape(n, channels, rows, width));
            NDArray y = labels == null ? null : HostArrays.create(m, labels);
            NDArray out = context.forward(Autoregressive.MODEL, model.inputs(in, y))
                    .singletonOrThrow();
            // Part j of the output holds output j of every channel: channel j * C + ch.
            NDArray at = out.get(new NDIndex(":, {}::{}, {}, {}", ch, channels, r, c));
            return at.toFloatArray();
        }
    }

    /** One value from {@code k} outputs: a Bernoulli logit, or 256 softmax logits. */
    static float draw(float[] outputs, int offset, int k, RandomStream random) {
        double u = random.nextDouble();
        if (k == 1) {
            double p = 1 / (1 + Math.exp(-outputs[offset]));
            return u < p ? 1f : -1f;
        }
        if (k != PixelLikelihoods.LEVELS) {
            throw new IllegalStateException("cannot sample from " + k + " outputs per value");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, outputs[offset + j]);
        }
        double total = 0;
        for (int j = 0; j < k; j++) {
            total += Math.exp(outputs[offset + j] - max);
        }
        double target = u * total;
        double cumulative = 0;
        for (int j = 0; j < k; j++) {
            cumulative += Math.exp(outputs[offset + j] - max);
            if (target < cumulative) {
                return j / 127.5f - 1f;
            }
        }
        return 1f;
    }
}
