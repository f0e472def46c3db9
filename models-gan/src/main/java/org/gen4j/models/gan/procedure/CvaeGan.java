package org.gen4j.models.gan.procedure;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.gen4j.core.augment.DiffAugment;
import org.gen4j.core.engine.Scalars;
import org.gen4j.core.loss.LogitFunctions;
import org.gen4j.core.procedure.BatchField;
import org.gen4j.core.procedure.ClassRows;
import org.gen4j.core.procedure.DataInfo;
import org.gen4j.core.procedure.LatentEncoder;
import org.gen4j.core.procedure.LatentGenerator;
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
import org.gen4j.core.procedure.UpdateScope;
import org.gen4j.core.procedure.WeightAverage;
import org.gen4j.core.engine.HostArrays;

/**
 * CVAE-GAN (Bao, Chen, Wen, Li and Hua 2017, "CVAE-GAN: Fine-Grained Image Generation through
 * Asymmetric Training", <a href="https://arxiv.org/abs/1703.10155">arXiv:1703.10155</a>): an
 * encoder E, a generator G, a classifier C and a discriminator D trained together on labelled
 * images.
 *
 * <p>Each step, for a real batch (x, c): E gives the mean and log-variance of {@code q(z | x, c)},
 * {@code x' = G(z, c)} decodes its reparameterised code, {@code x_p = G(z_p, c)} a prior draw.
 * Then, in three updates, in the paper's order:
 *
 * <ul>
 *   <li>C minimises the cross-entropy of its class logits on x ({@code loss_c});
 *   <li>D minimises the binary cross-entropy of real x against x' and x_p ({@code loss_d});
 *   <li>E and G together minimise {@code kl-weight * KL} (E only) {@code + reconstruction-weight
 *       * L_R}, where \( L_R = \tfrac12 (\|x - x'\|^2 + \|f_D(x) - f_D(x')\|^2 + \|f_C(x) -
 *       f_C(x')\|^2) \) per image ({@code reconstruction}), {@code + feature-weight * (L_GD +
 *       L_GC)} (G only), the mean feature matching of x_p against x: \( L_{GD} = \tfrac12
 *       \|\bar f_D(x) - \bar f_D(x_p)\|^2 \) over the batch and \( L_{GC} \) the same for C's
 *       features per class present ({@code feature_match}); {@code loss_g} is the sum.
 * </ul>
 *
 * <p>The encoder's log-variance is clipped to [-15, 15] before use. x' and x_p come from one
 * generator pass over both halves, so its BatchNorm sees them as one
 * batch. Two passes in one recorded graph, with the gradient flowing on to the encoder, fail on
 * MXNet 1.9 (MKL-DNN's BatchNorm backward: "could not execute a primitive").
 *
 * <p>The weights default to 100, 1 and 1e-3: the paper's are 3, 1 and 1e-3, but with 28x28
 * images and every reconstruction term summed per image, a KL weight of 3 leaves the class in
 * the code and the generator ignores the label (after 300 steps on the embedded Fashion-MNIST
 * sample, seed 42: conditional accuracy 0.10, every sample classified as one class); with 30 it
 * was 0.25, with 100 0.36 (class swaps 0.67), with 300 0.34 (swaps 0.79). f are the
 * networks' body outputs ({@link FeatureHead}). It generates a chosen class ({@code gen4j sample --class K}) and, as its
 * encoder separates the code from the class, redraws an image as another class by keeping z
 * ({@code gen4j reconstruct --as-class K}). DiffAugment and a weight average of G apply as in
 * every GAN.
 */
final class CvaeGan implements TrainingProcedure, LatentGenerator, LatentEncoder {

    static final String ENCODER = "encoder";
    static final String GENERATOR = "generator";
    static final String CLASSIFIER = "classifier";
    static final String DISCRIMINATOR = "discriminator";
    /** The encoder's log-variance is clipped to +-this, so exp never overflows. */
    private static final float LOG_VAR_LIMIT = 15f;
    private static final List<String> METRICS = List.of("loss_c", "loss_d", "loss_g", "kl",
            "reconstruction", "feature_match");

    /** The networks and weights of a run. */
    record Parts(Block encoder, Block generator, Block classifier, Block discriminator,
            int latentSize, int classes, float initStd, double klWeight,
            double reconstructionWeight, double featureWeight, DiffAugment augment,
            WeightAverage.Settings averaging) {}

    private final Parts p;
    private final DataInfo data;
    private final WeightAverage average;

    CvaeGan(Parts parts, DataInfo data) {
        this.p = parts;
        this.data = data;
        this.average = parts.averaging() == null ? null
                : new WeightAverage(GENERATOR, parts.generator(), parts.averaging());
    }

    @Override
    public List<Network> networks() {
        Shape x = new Shape(1).addAll(data.sampleShape());
        Shape label = new Shape(1);
        return List.of(
                new Network(ENCODER, p.encoder(), List.of(x, label), p.initStd()),
                new Network(GENERATOR, p.generator(), List.of(new Shape(1, p.latentSize()),
                        label), p.initStd()),
                Network.of(CLASSIFIER, p.classifier(), x, p.initStd()),
                Network.of(DISCRIMINATOR, p.discriminator(), x, p.initStd()));
    }

    @Override
    public Set<BatchField> requiredFields() {
        return Set.of(BatchField.IMAGES, BatchField.LABELS);
    }

    @Override
    public List<String> metrics() {
        return METRICS;
    }

    @Override
    public int numClasses() {
        return p.classes();
    }

    @Override
    public int latentSize() {
        return p.latentSize();
    }

    @Override
    public StepOutcome step(StepContext c) {
        StepBatch batch = c.nextBatch();
        NDArray x = batch.images();
        NDArray y = batch.labels();
        long n = batch.size();
        NDArray eps = c.gaussian("noise", new Shape(n, p.latentSize()));
        NDArray prior = c.gaussian("noise", new Shape(n, p.latentSize()));
        // The classifier's and the critic's updates each free their arrays when they end, so
        // that neither graph is held through the encoder and generator update, the largest.
        UpdateScope classifierUpdate = UpdateScope.open(c.manager());
        classifierUpdate.own(x);
        classifierUpdate.own(y);
        NDArray lossC = c.update(() -> LogitFunctions.softmaxCrossEntropy(
                c.forward(CLASSIFIER, new NDList(x)).head(), y), CLASSIFIER);
        classifierUpdate.keep(x, y, lossC);
        classifierUpdate.close();
        UpdateScope criticUpdate = UpdateScope.open(c.manager());
        criticUpdate.own(x);
        criticUpdate.own(y);
        NDArray lossD = c.update(() -> {
            NDList both = decodeBoth(c, code(c, x, y, eps), prior, y);
            NDArray recon = both.get(0).stopGradient();
            NDArray fromPrior = both.get(1).stopGradient();
            NDArray real = critic(c, "augment-real", x).head();
            NDArray fake = critic(c, "augment-fake", recon).head();
            NDArray drawn = critic(c, "augment-prior", fromPrior).head();
            return LogitFunctions.softplus(real.neg()).mean()
                    .add(LogitFunctions.softplus(fake).mean())
                    .add(LogitFunctions.softplus(drawn).mean());
        }, DISCRIMINATOR);
        criticUpdate.keep(x, y, lossD);
        criticUpdate.close();
        NDArray[] terms = new NDArray[3];
        NDArray lossG = c.update(() -> {
            NDList q = c.forward(ENCODER, new NDList(x, y)).head().split(2, 1);
            NDArray mean = q.get(0);
            NDArray logVar = q.get(1).clip(-LOG_VAR_LIMIT, LOG_VAR_LIMIT);
            NDArray z = mean.add(Scalars.mul(logVar, 0.5f).exp().mul(eps));
            NDList both = decodeBoth(c, z, prior, y);
            NDArray recon = both.get(0);
            NDArray fromPrior = both.get(1);
            NDList dReal = critic(c, "augment-generator-real", x);
            NDList dRecon = critic(c, "augment-generator", recon);
            NDList dPrior = critic(c, "augment-generator-prior", fromPrior);
            NDList cReal = c.forward(CLASSIFIER, new NDList(x));
            NDList cRecon = c.forward(CLASSIFIER, new NDList(recon));
            NDList cPrior = c.forward(CLASSIFIER, new NDList(fromPrior));
            // KL(N(mean, var) || N(0, 1)), summed over the code, mean over the batch.
            terms[0] = Scalars.mul(mean.square().add(logVar.exp()).sub(logVar).sub(1f)
                    .sum(new int[] {1}).mean(), 0.5f);
            terms[1] = halfSquared(x, recon).add(halfSquared(dReal.get(1), dRecon.get(1)))
                    .add(halfSquared(cReal.get(1), cRecon.get(1)));
            terms[2] = meanMatch(dReal.get(1), dPrior.get(1))
                    .add(classMeanMatch(cReal.get(1), cPrior.get(1), y));
            return Scalars.mul(terms[0], (float) p.klWeight())
                    .add(Scalars.mul(terms[1], (float) p.reconstructionWeight()))
                    .add(Scalars.mul(terms[2], (float) p.featureWeight()));
        }, ENCODER, GENERATOR);
        if (average != null) {
            average.update();
        }
        return StepOutcome.of(lossC, lossD, lossG, terms[0], terms[1], terms[2]);
    }

    /** The encoder's reparameterised code of x, detached from the encoder. */
    private NDArray code(StepContext c, NDArray x, NDArray y, NDArray eps) {
        NDArray q = c.forward(ENCODER, new NDList(x, y)).head().stopGradient();
        NDArray mean = q.get(":, :" + p.latentSize());
        NDArray logVar = q.get(":, " + p.latentSize() + ":").clip(-LOG_VAR_LIMIT, LOG_VAR_LIMIT);
        return mean.add(Scalars.mul(logVar, 0.5f).exp().mul(eps));
    }

    /**
     * {@code G(z, y)} and {@code G(prior, y)} in one forward pass over both halves: BatchNorm
     * sees the two together, as one batch of the generator's images.
     */
    private static NDList decodeBoth(StepContext c, NDArray z, NDArray prior, NDArray y) {
        NDArray images = c.forward(GENERATOR, new NDList(z.concat(prior, 0), y.concat(y, 0)))
                .singletonOrThrow();
        return images.split(2, 0);
    }

    private NDList critic(StepContext c, String purpose, NDArray images) {
        NDArray seen = p.augment().isEmpty() ? images
                : p.augment().apply(images, c.stepStream(purpose, 0));
        return c.forward(DISCRIMINATOR, new NDList(seen));
    }

    /** {@code 1/2 ||a - b||^2} per sample, averaged over the batch. */
    private static NDArray halfSquared(NDArray a, NDArray b) {
        NDArray d = a.sub(b);
        return Scalars.mul(
                d.reshape(d.getShape().get(0), -1).square().sum(new int[] {1}).mean(), 0.5f);
    }

    /** {@code 1/2 ||mean(a) - mean(b)||^2} over the batch. */
    private static NDArray meanMatch(NDArray a, NDArray b) {
        return Scalars.mul(a.mean(new int[] {0}).sub(b.mean(new int[] {0})).square().sum(), 0.5f);
    }

    /** {@link #meanMatch} per class present in the batch, summed over the classes. */
    private NDArray classMeanMatch(NDArray a, NDArray b, NDArray labels) {
        NDArray oneHot = labels.toType(DataType.INT32, false).oneHot(p.classes())
                .toType(a.getDataType(), false);
        NDArray counts = oneHot.sum(new int[] {0});
        NDArray present = counts.gt(0).toType(a.getDataType(), false);
        NDArray safe = Scalars.maximum(counts, 1f).reshape(-1, 1);
        NDArray diff = oneHot.transpose().matMul(a).sub(oneHot.transpose().matMul(b)).div(safe);
        return Scalars.mul(diff.square().sum(new int[] {1}).mul(present).sum(), 0.5f);
    }

    private <T> T inference(Supplier<T> body) {
        return average == null ? body.get() : average.apply(body);
    }

    @Override
    public Optional<ProcedureState> state() {
        return average == null ? Optional.empty() : Optional.of(average.asState());
    }

    @Override
    public NDArray generate(SampleContext context, NDArray z, NDArray labels) {
        if (labels == null) {
            throw new IllegalArgumentException("cvae-gan generates for given classes: pass one"
                    + " label per latent vector");
        }
        return inference(() -> context.forward(GENERATOR, new NDList(z, labels))
                .singletonOrThrow());
    }

    @Override
    public NDArray encode(SampleContext context, NDArray x, NDArray labels) {
        if (labels == null) {
            throw new IllegalArgumentException("cvae-gan encodes an image with its class: pass"
                    + " one label per image");
        }
        return context.forward(ENCODER, new NDList(x, labels)).head()
                .get(":, :" + p.latentSize());
    }

    @Override
    public NDArray sample(SampleContext context, SampleRequest request) {
        NDManager m = context.manager();
        NDArray z = HostArrays.create(m, draw(request.random(), request.count()),
                new Shape(request.count(), p.latentSize()));
        int[] labels = request.labels();
        if (labels == null) {
            labels = new int[request.count()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = request.random().nextInt(p.classes());
            }
        }
        return generate(context, z, HostArrays.create(m, labels));
    }

    /** One row per class, each column one latent vector. */
    @Override
    public List<Picture> pictures(PictureContext context, DataInfo info) {
        return List.of(ClassRows.picture(context, p.classes(), p.latentSize(),
                (z, y) -> generate(context, z, y)));
    }
}
