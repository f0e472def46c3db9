package org.gen4j.models.ae.procedure;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import org.gen4j.core.engine.Scalars;
import org.gen4j.core.loss.ReconstructionLoss;
import org.gen4j.core.procedure.DataInfo;
import org.gen4j.core.procedure.LatentEncoder;
import org.gen4j.core.procedure.LatentGenerator;
import org.gen4j.core.procedure.Network;
import org.gen4j.core.procedure.Picture;
import org.gen4j.core.procedure.PictureContext;
import org.gen4j.core.procedure.SampleContext;
import org.gen4j.core.procedure.SampleRequest;
import org.gen4j.core.procedure.StepContext;
import org.gen4j.core.procedure.StepOutcome;
import org.gen4j.core.procedure.TrainingProcedure;
import org.gen4j.models.ae.networks.AeNetworks;
import org.gen4j.core.engine.HostArrays;

/**
 * The plain autoencoder: an encoder compresses each sample to a code, a decoder reconstructs it,
 * and a reconstruction term ({@link ReconstructionLoss}) trains both in one update. No labels.
 *
 * <p>Its samples decode codes drawn from N(0, I), which the encoder never made: they show why
 * the autoencoder alone is a poor generator (the VAE's KL term is what makes the prior's codes
 * decodable). The decoder's output is squashed by tanh into [-1, 1] for a term on values, or
 * read as logits for {@code bce}.
 */
final class Autoencoder implements TrainingProcedure, LatentGenerator, LatentEncoder {

    static final String ENCODER = "encoder";
    static final String DECODER = "decoder";

    private final DataInfo data;
    private final int latent;
    private final ReconstructionLoss loss;
    private final Block encoder;
    private final Block decoder;

    Autoencoder(DataInfo data, int latent, ReconstructionLoss loss, AeNetworks nets) {
        this.data = data;
        this.latent = latent;
        this.loss = loss;
        this.encoder = nets.encoder(data.sampleShape(), latent, null);
        this.decoder = nets.decoder(data.sampleShape(), 1, null);
    }

    @Override
    public List<Network> networks() {
        return List.of(Network.of(ENCODER, encoder, new Shape(1).addAll(data.sampleShape()), 0),
                Network.of(DECODER, decoder, new Shape(1, latent), 0));
    }

    @Override
    public List<String> metrics() {
        return List.of("loss");
    }

    @Override
    public int latentSize() {
        return latent;
    }

    @Override
    public StepOutcome step(StepContext c) {
        NDArray x = c.nextBatch().images();
        NDArray value = c.update(() -> {
            NDArray code = c.forward(ENCODER, new NDList(x)).singletonOrThrow();
            NDArray out = c.forward(DECODER, new NDList(code)).singletonOrThrow();
            return loss.perSample(prediction(out), x).mean();
        }, ENCODER, DECODER);
        return StepOutcome.of(value);
    }

    /** What the reconstruction term compares with the data: logits, or values in [-1, 1]. */
    private NDArray prediction(NDArray out) {
        return loss.takesLogits() ? out : out.tanh();
    }

    /** The reconstruction in the data's range. */
    private NDArray image(NDArray out) {
        return loss.takesLogits() ? Scalars.mul(out, 0.5f).tanh() : out.tanh();
    }

    @Override
    public NDArray generate(SampleContext context, NDArray z, NDArray labels) {
        if (labels != null) {
            throw new IllegalArgumentException("the autoencoder takes no labels");
        }
        return image(context.forward(DECODER, new NDList(z)).singletonOrThrow());
    }

    @Override
    public NDArray encode(SampleContext context, NDArray x, NDArray labels) {
        if (labels != null) {
            throw new IllegalArgumentException("the autoencoder takes no labels");
        }
        return context.forward(ENCODER, new NDList(x)).singletonOrThrow();
    }

    @Override
    public NDArray sample(SampleContext context, SampleRequest request) {
        if (request.labels() != null) {
            throw new IllegalArgumentException("the autoencoder is not conditional: it takes no"
                    + " classes");
        }
        float[] z = new float[Math.multiplyExact(request.count(), latent)];
        request.random().fillGaussian(z, 1f);
        return generate(context, HostArrays.create(context.manager(),
                z, new Shape(request.count(), latent)),
                null);
    }

    /** Codes of the prior decoded (to show what it cannot do), and reconstructions. */
    @Override
    public List<Picture> pictures(PictureContext context, DataInfo info) {
        List<Picture> pictures = new ArrayList<>(TrainingProcedure.super.pictures(context, info));
        context.dataSamples(32).ifPresent(batch -> pictures.add(AePictures.reconstructions(
                batch.images(), x -> generate(context, encode(context, x, null), null))));
        return pictures;
    }
}
