package org.gen4j.models.autoregressive.procedure;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Set;
import org.gen4j.core.engine.Scalars;
import org.gen4j.core.likelihood.PixelLikelihood;
import org.gen4j.core.model.LikelihoodModel;
import org.gen4j.core.procedure.BatchField;
import org.gen4j.core.procedure.DataInfo;
import org.gen4j.core.procedure.ImageCompletion;
import org.gen4j.core.procedure.LikelihoodProcedure;
import org.gen4j.core.procedure.Network;
import org.gen4j.core.procedure.SampleContext;
import org.gen4j.core.procedure.SampleRequest;
import org.gen4j.core.procedure.StepBatch;
import org.gen4j.core.procedure.StepContext;
import org.gen4j.core.procedure.StepOutcome;
import org.gen4j.core.procedure.TrainingProcedure;
import org.gen4j.core.util.Options;

/**
 * An autoregressive image model trained by maximum likelihood: one network gives, for every
 * value of an image, the parameters of its distribution given the values before it in raster
 * order ({@link PixelLikelihood}: one logit, or a 256-way softmax), so that the sum of the
 * values' negative log-probabilities is the exact NLL of the image. Each step minimises its mean
 * over the batch and reports it in nats per image and in bits per dimension.
 *
 * <p>Sampling draws the values one at a time ({@link PixelSampler}); a conditional network draws
 * the class asked for. Completion draws only the chosen pixels, given the others before them.
 */
final class Autoregressive implements TrainingProcedure, LikelihoodProcedure, ImageCompletion {

    static final String MODEL = "model";
    static final String EXACT = "exact";

    private final DataInfo data;
    private final String architecture;
    private final Block network;
    private final PixelLikelihood output;
    private final int classes;
    private final boolean cachedSampling;

    Autoregressive(DataInfo data, String architecture, Block network, PixelLikelihood output,
            int classes, boolean cachedSampling) {
        this.data = data;
        this.architecture = architecture;
        this.network = network;
        this.output = output;
        this.classes = classes;
        this.cachedSampling = cachedSampling;
    }

    @Override
    public List<Network> networks() {
        Shape x = new Shape(1).addAll(data.sampleShape());
        return List.of(new Network(MODEL, network,
                classes > 0 ? List.of(x, new Shape(1)) : List.of(x), 0));
    }

    @Override
    public Set<BatchField> requiredFields() {
        return classes > 0 ? Set.of(BatchField.IMAGES, BatchField.LABELS)
                : Set.of(BatchField.IMAGES);
    }

    @Override
    public List<String> metrics() {
        return List.of("loss", "bits_per_dim");
    }

    @Override
    public int numClasses() {
        return classes;
    }

    PixelLikelihood output() {
        return output;
    }

    Block network() {
        return network;
    }

    String architecture() {
        return architecture;
    }

    /** The network's inputs for images and (for a conditional model) labels. */
    NDList inputs(NDArray x, NDArray labels) {
        return classes > 0 ? new NDList(x, labels) : new NDList(x);
    }

    @Override
    public StepOutcome step(StepContext c) {
        StepBatch batch = c.nextBatch();
        NDArray x = batch.images();
        NDArray labels = classes > 0 ? batch.labels() : null;
        NDArray loss = c.update(() -> output.nll(c.forward(MODEL, inputs(x, labels))
                .singletonOrThrow(), x).mean(), MODEL);
        double perDim = 1.0 / (data.sampleShape().size() * Math.log(2));
        return StepOutcome.of(loss, Scalars.mul(loss, (float) perDim));
    }

    @Override
    public NDArray sample(SampleContext context, SampleRequest request) {
        return new PixelSampler(this, context, cachedSampling).sample(request);
    }

    /** Samples without the cache, whatever the spec says: what the cached sampler must match. */
    NDArray sampleNaive(SampleContext context, SampleRequest request) {
        return new PixelSampler(this, context, false).sample(request);
    }

    @Override
    public NDArray complete(SampleContext context, NDArray images, boolean[] fill,
            SampleRequest request) {
        Shape expected = new Shape(request.count()).addAll(data.sampleShape());
        if (!images.getShape().equals(expected)) {
            throw new IllegalArgumentException("images to complete must be " + expected
                    + ", got " + images.getShape());
        }
        long pixels = data.sampleShape().get(1) * data.sampleShape().get(2);
        if (fill.length != pixels) {
            throw new IllegalArgumentException("the pixels to fill must be " + pixels
                    + " flags, one per pixel, got " + fill.length);
        }
        return new PixelSampler(this, context, cachedSampling).complete(request,
                images.toFloatArray(), fill);
    }

    DataInfo data() {
        return data;
    }

    @Override
    public List<String> likelihoodEstimators() {
        return List.of(EXACT);
    }

    @Override
    public LikelihoodModel likelihood(SampleContext context, String estimator, Options options) {
        if (!estimator.equals(EXACT)) {
            throw new IllegalArgumentException("an autoregressive model's likelihood is exact:"
                    + " its estimator is '" + EXACT + "', got '" + estimator + "'");
        }
        int chunk = options.getInt("chunk", 64, 1, 65536);
        // Scorers pass the seed that sampling estimators draw from; the exact NLL draws nothing.
        options.getLong("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE);
        options.checkAllUsed();
        return new ExactLikelihood(this, context, chunk);
    }
}
