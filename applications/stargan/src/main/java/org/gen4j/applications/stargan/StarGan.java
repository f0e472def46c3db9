package org.gen4j.applications.stargan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import org.gen4j.core.engine.Scalars;
import org.gen4j.core.loss.GanLoss;
import org.gen4j.core.loss.LogitFunctions;
import org.gen4j.core.loss.ReconstructionLoss;
import org.gen4j.core.model.PatchDiscriminator;
import org.gen4j.core.model.Translator;
import org.gen4j.core.nn.TransposedConvolution;
import org.gen4j.core.procedure.BatchField;
import org.gen4j.core.procedure.DataInfo;
import org.gen4j.core.procedure.ImageTranslation;
import org.gen4j.core.procedure.Network;
import org.gen4j.core.procedure.Picture;
import org.gen4j.core.procedure.PictureContext;
import org.gen4j.core.procedure.SampleContext;
import org.gen4j.core.procedure.SampleRequest;
import org.gen4j.core.procedure.StepBatch;
import org.gen4j.core.procedure.StepContext;
import org.gen4j.core.procedure.StepOutcome;
import org.gen4j.core.procedure.TrainingProcedure;
import org.gen4j.core.procedure.UpdateScope;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.translate.CriticRegularizers;
import org.gen4j.core.translate.PatchScores;
import org.gen4j.core.translate.TranslationNetworks;
import org.gen4j.core.engine.HostArrays;

/**
 * StarGAN (Choi et al. 2018): one generator {@code G(x, c)} that translates an image to any of
 * the data's K domains (its classes), given as K one-hot planes beside the image, and one patch
 * critic with a head of K domain logits (averaged over the patches).
 *
 * <p>Each step runs {@code n-critic} critic updates, each on its own batch with target domains
 * drawn by shuffling the batch's labels (the reference's {@code randperm}): the loss's
 * discriminator objective on the real images and on {@code G(x, c')}, plus {@code
 * class-weight} times the domain cross-entropy of the real images, plus the penalty (WGAN-GP).
 * Then one generator update on the last batch: the loss's generator objective on {@code G(x,
 * c')}, plus {@code class-weight} times the cross-entropy of {@code G(x, c')} against {@code c'},
 * plus {@code reconstruction-weight} times the reconstruction term of {@code G(G(x, c'), c)}
 * against {@code x}.
 */
final class StarGan implements TrainingProcedure, ImageTranslation {

    static final String GENERATOR = "generator";
    static final String DISCRIMINATOR = "discriminator";

    /** The pieces of one run. */
    record Parts(Translator generator, PatchDiscriminator critic, CriticRegularizers penalty,
            GanLoss loss, ReconstructionLoss reconstruction, double classWeight,
            double reconstructionWeight, int nCritic, float initStd) {}

    private final Parts p;
    private final Shape shape;
    private final int domains;

    StarGan(Parts parts, DataInfo data) {
        this.p = Objects.requireNonNull(parts, "parts is null");
        this.shape = data.sampleShape();
        this.domains = data.numClasses();
    }

    @Override
    public List<Network> networks() {
        return List.of(Network.of(GENERATOR, p.generator().block(), new Shape(1).addAll(
                p.generator().inputShape()), p.initStd()), Network.of(DISCRIMINATOR,
                p.critic().block(), new Shape(1).addAll(shape), p.initStd()));
    }

    @Override
    public Set<BatchField> requiredFields() {
        return Set.of(BatchField.IMAGES, BatchField.LABELS);
    }

    @Override
    public int batchesPerStep() {
        return p.nCritic();
    }

    @Override
    public int numClasses() {
        return domains;
    }

    @Override
    public List<String> metrics() {
        return List.of("loss_d", "class_d", "penalty", "loss_g", "class_g", "reconstruction");
    }

    @Override
    public void check(SampleContext context) {
        p.penalty().check(context);
    }

    @Override
    public StepOutcome step(StepContext c) {
        NDArray[] critic = new NDArray[3];
        NDArray target = null;
        NDArray lastImages = null;
        NDArray lastDomains = null;
        for (int i = 0; i < p.nCritic(); i++) {
            // Each critic update's arrays are freed after it: n-critic 5 would otherwise hold
            // five recorded penalty graphs until the step ends. The last one's batch and losses
            // stay for the generator update and the outcome.
            UpdateScope scope = UpdateScope.open(c.manager());
            StepBatch batch = c.nextBatch();
            NDArray images = scope.own(batch.images());
            NDArray domains = scope.own(batch.labels());
            NDArray to = scope.own(shuffled(c, domains));
            int index = i;
            c.update(() -> {
                NDArray fake = generate(c, images, to).stopGradient();
                NDArray real = c.forward(DISCRIMINATOR, new NDList(images)).singletonOrThrow();
                NDArray adv = p.loss().discriminatorLoss(PatchScores.asSamples(real),
                        PatchScores.asSamples(c.forward(DISCRIMINATOR, new NDList(fake))
                                .singletonOrThrow()));
                NDArray cls = LogitFunctions.softmaxCrossEntropy(PatchScores.auxiliary(real),
                        domains);
                NDArray penalty = p.penalty().isEmpty() ? null
                        : p.penalty().penalty(c, images, fake, index);
                critic[0] = adv;
                critic[1] = cls;
                critic[2] = penalty == null ? c.manager().zeros(new Shape()) : penalty;
                NDArray total = adv.add(Scalars.mul(cls, (float) p.classWeight()));
                return penalty == null ? total : total.add(penalty);
            }, DISCRIMINATOR);
            p.penalty().afterStep(c, images, index);
            if (i == p.nCritic() - 1) {
                scope.keep(images, domains, to, critic[0], critic[1], critic[2]);
                lastImages = images;
                lastDomains = domains;
                target = to;
            }
            scope.close();
        }
        NDArray x = lastImages;
        NDArray labels = lastDomains;
        NDArray to = target;
        NDArray[] g = new NDArray[3];
        // G runs twice in one graph (G(x, c') and G(G(x, c'), c)).
        try (TransposedConvolution.Scope scope = TransposedConvolution.phasesOnly()) {
            c.update(() -> {
                NDArray fake = generate(c, x, to);
                NDArray scores = c.forward(DISCRIMINATOR, new NDList(fake)).singletonOrThrow();
                NDArray adv = p.loss().generatorLoss(PatchScores.asSamples(scores),
                        p.loss().generatorNeedsRealLogits() ? PatchScores.asSamples(c.forward(
                                DISCRIMINATOR, new NDList(x)).singletonOrThrow()).stopGradient()
                                : null);
                NDArray cls = LogitFunctions.softmaxCrossEntropy(PatchScores.auxiliary(scores),
                        to);
                NDArray rec = p.reconstruction().perSample(generate(c, fake, labels), x).mean();
                g[0] = adv;
                g[1] = cls;
                g[2] = rec;
                return adv.add(Scalars.mul(cls, (float) p.classWeight()))
                        .add(Scalars.mul(rec, (float) p.reconstructionWeight()));
            }, GENERATOR);
        }
        return StepOutcome.of(critic[0], critic[1], critic[2], g[0], g[1], g[2]);
    }

    /** The batch's labels in an order drawn from the step's stream: the target domains. */
    private static NDArray shuffled(StepContext c, NDArray labels) {
        int[] l = labels.toType(DataType.INT32, false).toIntArray();
        int[] order = IntStream.range(0, l.length).toArray();
        c.stream("target-domains").shuffle(order);
        int[] out = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            out[i] = l[order[i]];
        }
        return HostArrays.create(c.manager(), out);
    }

    private NDArray generate(StepContext c, NDArray x, NDArray labels) {
        p.generator().feedNoise(c.stepStream("translation-noise", 0));
        return c.forward(GENERATOR, new NDList(withDomain(x, labels))).singletonOrThrow();
    }

    /** The image and K one-hot planes of its target domain. */
    private NDArray withDomain(NDArray x, NDArray labels) {
        Shape s = x.getShape();
        NDArray planes = labels.toType(DataType.INT32, false).oneHot(domains)
                .toType(x.getDataType(), false).reshape(s.get(0), domains, 1, 1)
                .repeat(2, s.get(2)).repeat(3, s.get(3));
        return x.concat(planes, 1);
    }

    @Override
    public NDArray sample(SampleContext context, SampleRequest request) {
        throw new UnsupportedOperationException("stargan translates images between domains"
                + " rather than drawing them from noise: use gen4j translate --to DOMAIN");
    }

    @Override
    public List<Picture> pictures(PictureContext context, DataInfo info) {
        return context.dataSamples(8).map(batch -> {
            NDArray x = batch.images();
            long n = x.getShape().get(0);
            List<NDArray> columns = new ArrayList<>();
            columns.add(x);
            for (int d = 0; d < domains; d++) {
                columns.add(translate(context, x, Integer.toString(d), context.fixed("noise")));
            }
            NDArray grid = ai.djl.ndarray.NDArrays.stack(new NDList(columns), 1)
                    .reshape(new Shape(n * (domains + 1)).addAll(shape));
            return List.of(Picture.grid(Picture.SAMPLES, "each image, then translated to domain"
                    + " 0, 1, ...", grid, domains + 1));
        }).orElse(List.of());
    }

    @Override
    public Shape inputShape() {
        return shape;
    }

    @Override
    public Shape outputShape() {
        return shape;
    }

    @Override
    public List<String> domains() {
        return IntStream.range(0, domains).mapToObj(Integer::toString).toList();
    }

    @Override
    public NDArray translate(SampleContext context, NDArray images, String to,
            RandomStream noise) {
        if (to == null || !domains().contains(to)) {
            throw new IllegalArgumentException("stargan translates to one of its domains "
                    + domains() + " (the data's classes); got " + (to == null ? "none" : "'" + to
                    + "'"));
        }
        TranslationNetworks.checkImages(images, shape);
        p.generator().feedNoise(noise);
        int[] labels = new int[Math.toIntExact(images.getShape().get(0))];
        java.util.Arrays.fill(labels, Integer.parseInt(to));
        return context.forward(GENERATOR, new NDList(withDomain(images,
                HostArrays.create(context.manager(), labels)))).singletonOrThrow();
    }
}
