package org.gen4j.core.toy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gen4j.core.nn.Layers;
import org.gen4j.core.procedure.BatchField;
import org.gen4j.core.procedure.DataInfo;
import org.gen4j.core.procedure.LatentGenerator;
import org.gen4j.core.procedure.Network;
import org.gen4j.core.procedure.Picture;
import org.gen4j.core.procedure.PictureContext;
import org.gen4j.core.procedure.ProcedureState;
import org.gen4j.core.procedure.SampleContext;
import org.gen4j.core.procedure.SampleRequest;
import org.gen4j.core.procedure.StepContext;
import org.gen4j.core.procedure.StepOutcome;
import org.gen4j.core.procedure.TrainingProcedure;

/**
 * A linear autoencoder: {@code x + noise -> encoder -> decoder}, mean squared error, both
 * networks stepped by one update. Its state (steps seen, and a running mean of the batches as an
 * array) goes through the {@link ProcedureState} hook, so that resume tests cover it.
 */
final class ToyAutoencoder implements TrainingProcedure, LatentGenerator {

    private final DataInfo data;
    private final int latent;
    private final float noise;
    private final boolean needsLabels;
    private final long explodeAt;
    private final SequentialBlock encoder = new SequentialBlock();
    private final SequentialBlock decoder = new SequentialBlock();
    private long seen;
    private float[] runningMean;

    ToyAutoencoder(DataInfo data, int latent, float noise, boolean needsLabels, long explodeAt) {
        this.data = data;
        this.latent = latent;
        this.noise = noise;
        this.needsLabels = needsLabels;
        this.explodeAt = explodeAt;
        long d = data.sampleShape().size();
        encoder.add(Layers.flatten()).add(Linear.builder().setUnits(latent).build());
        decoder.add(Linear.builder().setUnits(d).build())
                .add(Layers.reshape(data.sampleShape().getShape()));
        runningMean = new float[Math.toIntExact(d)];
    }

    @Override
    public List<Network> networks() {
        return List.of(Network.of("encoder", encoder, new Shape(1).addAll(data.sampleShape()),
                0.1f), Network.of("decoder", decoder, new Shape(1, latent), 0.1f));
    }

    @Override
    public Set<BatchField> requiredFields() {
        return needsLabels ? Set.of(BatchField.IMAGES, BatchField.LABELS)
                : Set.of(BatchField.IMAGES);
    }

    @Override
    public List<String> metrics() {
        return List.of("loss", "seen");
    }

    @Override
    public StepOutcome step(StepContext c) {
        NDArray x = c.nextBatch().images();
        NDArray noisy = x.add(c.gaussian("noise", x.getShape()).mul(noise));
        NDArray loss = c.update(() -> {
            NDArray code = c.forward("encoder", new NDList(noisy)).singletonOrThrow();
            NDArray y = c.forward("decoder", new NDList(code)).singletonOrThrow();
            NDArray l = y.sub(x).square().mean();
            return explodeAt > 0 && c.step() >= explodeAt ? l.mul(Float.NaN) : l;
        }, "encoder", "decoder");
        seen++;
        float[] mean = x.mean(new int[] {0}).toFloatArray();
        for (int i = 0; i < mean.length; i++) {
            runningMean[i] = 0.9f * runningMean[i] + 0.1f * mean[i];
        }
        return StepOutcome.of(loss, c.manager().create((float) seen));
    }

    /** The default samples picture, and the first 64 data points beside their reconstructions. */
    @Override
    public List<Picture> pictures(PictureContext context, DataInfo info) {
        List<Picture> pictures = new ArrayList<>(TrainingProcedure.super.pictures(context, info));
        context.dataSamples(64).ifPresent(batch -> {
            NDArray x = batch.images();
            NDArray code = context.forward("encoder", new NDList(x)).singletonOrThrow();
            NDArray y = context.forward("decoder", new NDList(code)).singletonOrThrow();
            pictures.add(Picture.grid("reconstructions", "inputs and reconstructions",
                    NDArrays.concat(new NDList(x, y), 0), 0));
        });
        return pictures;
    }

    @Override
    public NDArray sample(SampleContext context, SampleRequest request) {
        float[] z = new float[request.count() * latent];
        request.random().fillGaussian(z, 1f);
        return generate(context, context.manager().create(z, new Shape(request.count(), latent)),
                null);
    }

    @Override
    public int latentSize() {
        return latent;
    }

    @Override
    public NDArray generate(SampleContext context, NDArray z, NDArray labels) {
        return context.forward("decoder", new NDList(z)).singletonOrThrow();
    }

    /** Steps seen, for tests. */
    long seen() {
        return seen;
    }

    /** The running mean, for tests. */
    float[] runningMean() {
        return runningMean.clone();
    }

    @Override
    public Optional<ProcedureState> state() {
        return Optional.of(new ProcedureState() {
            @Override
            public void save(Writer writer) {
                writer.put("seen", seen);
                try (NDManager m = NDManager.newBaseManager()) {
                    writer.putArrays("running-mean", new NDList(m.create(runningMean)));
                }
            }

            @Override
            public void restore(Reader reader) {
                seen = reader.get("seen").asLong();
                try (NDManager m = NDManager.newBaseManager()) {
                    runningMean = reader.getArrays("running-mean", m).head().toFloatArray();
                }
            }
        });
    }
}
