package org.gen4j.models.ae.procedure;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gen4j.core.engine.Scalars;
import org.gen4j.core.likelihood.PixelLikelihood;
import org.gen4j.core.loss.VariationalLoss;
import org.gen4j.core.model.LikelihoodModel;
import org.gen4j.core.nn.LabelConditioning;
import org.gen4j.core.procedure.BatchField;
import org.gen4j.core.procedure.ClassRows;
import org.gen4j.core.procedure.DataInfo;
import org.gen4j.core.procedure.LatentEncoder;
import org.gen4j.core.procedure.LatentGenerator;
import org.gen4j.core.procedure.LikelihoodProcedure;
import org.gen4j.core.procedure.Network;
import org.gen4j.core.procedure.Picture;
import org.gen4j.core.procedure.PictureContext;
import org.gen4j.core.procedure.ProcedureState;
import org.gen4j.core.procedure.SampleContext;
import org.gen4j.core.procedure.SampleRequest;
import org.gen4j.core.procedure.StepBatch;
import org.gen4j.core.procedure.StepContext;
import org.gen4j.core.procedure.StepOutcome;
import org.gen4j.core.procedure.TrainingProcedure;
import org.gen4j.core.util.Options;
import org.gen4j.models.ae.networks.AeNetworks;
import org.gen4j.core.engine.HostArrays;

/**
 * The variational autoencoder (Kingma and Welling 2014), and the conditional one (Sohn et al.
 * 2015) when labels condition both networks.
 *
 * <p>The encoder gives the mean and log-variance of a diagonal Gaussian {@code q(z | x)}; a code
 * is drawn by reparameterisation, {@code z = mu + sigma * eps} with {@code eps} from the run's
 * stream {@code noise}; the decoder gives the parameters of {@code p(x | z)} ({@link
 * PixelLikelihood}); the objective ({@link VariationalLoss}) updates both networks in one
 * gradient collection. Its KL warm-up position is the procedure's checkpoint state. Each step
 * reports the loss, the ELBO and its two terms, in nats per sample.
 */
final class Vae implements TrainingProcedure, LatentGenerator, LatentEncoder,
        LikelihoodProcedure {

    static final String ENCODER = "encoder";
    static final String DECODER = "decoder";

    private final DataInfo data;
    private final int latent;
    private final PixelLikelihood likelihood;
    private final VariationalLoss objective;
    private final LabelConditioning encoderCondition;
    private final int classes;
    private final Block encoder;
    private final Block decoder;
    private long position;

    Vae(DataInfo data, int latent, PixelLikelihood likelihood, VariationalLoss objective,
            AeNetworks nets, LabelConditioning encoderCondition,
            LabelConditioning decoderCondition) {
        this.data = data;
        this.latent = latent;
        this.likelihood = likelihood;
        this.objective = objective;
        this.encoderCondition = encoderCondition;
        this.classes = encoderCondition == null ? 0 : encoderCondition.classes();
        this.encoder = nets.encoder(data.sampleShape(), 2 * latent, encoderCondition);
        this.decoder = nets.decoder(data.sampleShape(), likelihood.outputsPerValue(),
                decoderCondition);
    }

    private boolean conditional() {
        return classes > 0;
    }

    @Override
    public List<Network> networks() {
        Shape x = new Shape(1).addAll(data.sampleShape());
        Shape z = new Shape(1, latent);
        Shape y = new Shape(1);
        return List.of(
                new Network(ENCODER, encoder, conditional() ? List.of(x, y) : List.of(x), 0),
                new Network(DECODER, decoder, conditional() ? List.of(z, y) : List.of(z), 0));
    }

    @Override
    public Set<BatchField> requiredFields() {
        return conditional() ? Set.of(BatchField.IMAGES, BatchField.LABELS)
                : Set.of(BatchField.IMAGES);
    }

    @Override
    public List<String> metrics() {
        return List.of("loss", "elbo", "reconstruction", "kl");
    }

    @Override
    public int numClasses() {
        return classes;
    }

    @Override
    public int latentSize() {
        return latent;
    }

    /** The encoder's mean and log-variance, {@code (N, d)} each. */
    NDArray[] posterior(Forward f, NDArray x, NDArray labels) {
        NDArray out = f.apply(ENCODER, inputs(x, labels)).singletonOrThrow();
        NDArray mean = out.get(new NDIndex(":, 0:{}", latent));
        NDArray logVariance = Scalars.minimum(
                Scalars.maximum(out.get(new NDIndex(":, {}:", latent)), -30f), 20f);
        return new NDArray[] {mean, logVariance};
    }

    /** The decoder's output for codes. */
    NDArray decode(Forward f, NDArray z, NDArray labels) {
        return f.apply(DECODER, inputs(z, labels)).singletonOrThrow();
    }

    PixelLikelihood likelihood() {
        return likelihood;
    }

    private NDList inputs(NDArray x, NDArray labels) {
        return labels == null ? new NDList(x) : new NDList(x, labels);
    }

    /** A network's forward pass, in training or inference mode. */
    interface Forward {
        NDList apply(String network, NDList inputs);
    }

    @Override
    public StepOutcome step(StepContext c) {
        StepBatch batch = c.nextBatch();
        NDArray x = batch.images();
        NDArray y = conditional() ? batch.labels() : null;
        NDArray eps = c.gaussian("noise", new Shape(batch.size(), latent));
        VariationalLoss.Terms[] terms = new VariationalLoss.Terms[1];
        long at = position;
        c.update(() -> {
            NDArray[] q = posterior(c::forward, x, y);
            NDArray z = q[0].add(Scalars.mul(q[1], 0.5f).exp().mul(eps));
            NDArray rec = likelihood.nll(decode(c::forward, z, y), x);
            terms[0] = objective.terms(rec, q[0], q[1], at);
            return terms[0].loss();
        }, ENCODER, DECODER);
        position++;
        VariationalLoss.Terms t = terms[0];
        return StepOutcome.of(t.loss(), t.reconstruction().add(t.kl()).neg(), t.reconstruction(),
                t.kl());
    }

    @Override
    public NDArray generate(SampleContext context, NDArray z, NDArray labels) {
        checkLabels(labels);
        return likelihood.mean(decode(context::forward, z, labels));
    }

    @Override
    public NDArray encode(SampleContext context, NDArray x, NDArray labels) {
        checkLabels(labels);
        return posterior(context::forward, x, labels)[0];
    }

    private void checkLabels(NDArray labels) {
        if (conditional() && labels == null) {
            throw new IllegalArgumentException("a conditional VAE needs one label per sample");
        }
        if (!conditional() && labels != null) {
            throw new IllegalArgumentException("this VAE is not conditional: it takes no labels");
        }
    }

    @Override
    public NDArray sample(SampleContext context, SampleRequest request) {
        NDManager m = context.manager();
        float[] z = new float[Math.multiplyExact(request.count(), latent)];
        request.random().fillGaussian(z, 1f);
        NDArray ys = null;
        if (conditional()) {
            int[] labels = request.labels();
            if (labels == null) {
                labels = new int[request.count()];
                for (int i = 0; i < labels.length; i++) {
                    labels[i] = request.random().nextInt(classes);
                }
            }
            ys = HostArrays.create(m, labels);
        } else if (request.labels() != null) {
            throw new IllegalArgumentException("this VAE is not conditional: it takes no classes");
        }
        return generate(context, HostArrays.create(m, z, new Shape(request.count(), latent)), ys);
    }

    /**
     * Samples from the prior (one row per class for the conditional VAE), inputs beside their
     * reconstructions, and for a 2-D latent space the manifold.
     */
    @Override
    public List<Picture> pictures(PictureContext context, DataInfo info) {
        List<Picture> pictures = new ArrayList<>();
        if (conditional()) {
            pictures.add(ClassRows.picture(context, classes, latent,
                    (z, y) -> generate(context, z, y)));
        } else {
            pictures.addAll(TrainingProcedure.super.pictures(context, info));
        }
        context.dataSamples(32).ifPresent(batch -> {
            NDArray y = conditional() ? batch.labels() : null;
            pictures.add(AePictures.reconstructions(batch.images(), x -> {
                NDArray[] q = posterior(context::forward, x, y == null ? null
                        : y.get(new NDIndex("0:{}", x.getShape().get(0))));
                return generate(context, q[0], y == null ? null
                        : y.get(new NDIndex("0:{}", x.getShape().get(0))));
            }));
        });
        if (latent == 2 && !conditional()) {
            pictures.add(AePictures.manifold(context.manager(), z -> generate(context, z, null)));
        }
        return pictures;
    }

    @Override
    public List<String> likelihoodEstimators() {
        return List.of(VaeLikelihood.ELBO, VaeLikelihood.IWAE);
    }

    @Override
    public LikelihoodModel likelihood(SampleContext context, String estimator,
            Options options) {
        return VaeLikelihood.of(this, context, data, estimator, options);
    }

    @Override
    public Optional<ProcedureState> state() {
        return Optional.of(new ProcedureState() {
            @Override
            public void save(Writer writer) {
                writer.put("kl-position", position);
            }

            @Override
            public void restore(Reader reader) {
                position = reader.get("kl-position").asLong();
            }
        });
    }
}
