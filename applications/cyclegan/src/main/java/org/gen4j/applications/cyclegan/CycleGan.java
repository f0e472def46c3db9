package org.gen4j.applications.cyclegan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.gen4j.core.engine.Scalars;
import org.gen4j.core.loss.GanLoss;
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
import org.gen4j.core.procedure.ProcedureState;
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
import org.gen4j.core.translate.TranslationPictures;
import org.gen4j.core.engine.HostArrays;

/**
 * CycleGAN (Zhu et al. 2017): generators {@code G: A -> B} and {@code F: B -> A} and a patch
 * critic per domain, trained on unpaired images ({@link BatchField#UNPAIRED} holds B).
 *
 * <p>Each step first updates both generators on the adversarial loss's generator objective for
 * {@code G(a)} under {@code D_B} and {@code F(b)} under {@code D_A}, plus {@code cycleWeight}
 * (lambda, 10) times the cycle term of {@code F(G(a))} against {@code a} and of {@code G(F(b))}
 * against {@code b}, plus {@code identityWeight} lambda (0.5 lambda) times the identity term of
 * {@code G(b)} against {@code b} and of {@code F(a)} against {@code a}. Then both critics, each
 * on half the discriminator objective for its real images against the generated images of this
 * step passed through its {@link ImagePool}; their regularizers (DualGAN's weight clipping) act
 * on them. The pools and their stream are saved with every checkpoint, the optimizers and the
 * learning-rate decay are the trainer's: a resumed run is the straight one.
 */
final class CycleGan implements TrainingProcedure, ImageTranslation {

    static final String G_AB = "generator-ab";
    static final String G_BA = "generator-ba";
    static final String D_A = "discriminator-a";
    static final String D_B = "discriminator-b";

    /** The pieces of one run. */
    record Parts(Translator g, Translator f, PatchDiscriminator criticA,
            PatchDiscriminator criticB, CriticRegularizers regularizersA,
            CriticRegularizers regularizersB, GanLoss loss, ReconstructionLoss cycle,
            double cycleWeight, ReconstructionLoss identity, double identityWeight, int poolSize,
            float initStd) {}

    private final Parts p;
    private final Shape shape;
    private final ImagePool poolA;
    private final ImagePool poolB;
    private int passes;

    CycleGan(Parts parts, DataInfo data) {
        this.p = Objects.requireNonNull(parts, "parts is null");
        this.shape = data.sampleShape();
        if (!data.shapeOf(BatchField.UNPAIRED).equals(shape)) {
            throw new IllegalArgumentException("cyclegan needs one image shape for both domains,"
                    + " got " + shape + " and " + data.shapeOf(BatchField.UNPAIRED));
        }
        int per = Math.toIntExact(shape.size());
        this.poolA = new ImagePool("pool-a", parts.poolSize(), per);
        this.poolB = new ImagePool("pool-b", parts.poolSize(), per);
    }

    @Override
    public List<Network> networks() {
        Shape x = new Shape(1).addAll(shape);
        return List.of(Network.of(G_AB, p.g().block(), x, p.initStd()),
                Network.of(G_BA, p.f().block(), x, p.initStd()),
                Network.of(D_A, p.criticA().block(), x, p.initStd()),
                Network.of(D_B, p.criticB().block(), x, p.initStd()));
    }

    @Override
    public Set<BatchField> requiredFields() {
        return Set.of(BatchField.IMAGES, BatchField.UNPAIRED);
    }

    @Override
    public List<String> metrics() {
        return List.of("loss_d_a", "loss_d_b", "loss_g", "cycle", "identity");
    }

    @Override
    public void check(SampleContext context) {
        p.regularizersA().check(context);
        p.regularizersB().check(context);
    }

    @Override
    public StepOutcome step(StepContext c) {
        passes = 0;
        StepBatch batch = c.nextBatch();
        NDArray a = batch.images();
        NDArray b = batch.get(BatchField.UNPAIRED);
        int n = batch.size();
        GanLoss loss = p.loss();
        NDArray[] fakes = new NDArray[2];
        NDArray[] terms = new NDArray[3];
        // The generators' update (four to six generator passes, two to four critic passes) is
        // the step's largest graph: it is freed before the critics' update, which reads only
        // the batch and the pooled fakes, copied to the host.
        UpdateScope update = UpdateScope.open(c.manager());
        update.own(a);
        update.own(b);
        try (TransposedConvolution.Scope scope = TransposedConvolution.phasesOnly()) {
            updateGenerators(c, a, b, fakes, terms);
        }
        RandomStream pool = c.stream("image-pool");
        NDArray shownA = HostArrays.create(c.manager(),
                poolA.query(fakes[0].toFloatArray(), n, pool),
                a.getShape());
        NDArray shownB = HostArrays.create(c.manager(),
                poolB.query(fakes[1].toFloatArray(), n, pool),
                b.getShape());
        update.keep(a, b, terms[0], terms[1], terms[2]);
        update.close();
        NDArray[] critics = new NDArray[2];
        c.update(() -> {
            critics[0] = critic(c, loss, D_A, p.regularizersA(), a, shownA);
            critics[1] = critic(c, loss, D_B, p.regularizersB(), b, shownB);
            return critics[0].add(critics[1]);
        }, D_A, D_B);
        p.regularizersA().afterStep(c, a, 0);
        p.regularizersB().afterStep(c, b, 0);
        return StepOutcome.of(critics[0], critics[1], terms[0], terms[1], terms[2]);
    }

    /**
     * The generators' update. Each generator runs two or three times in its graph, which MXNet's
     * native deconvolution cannot serve in backward: the caller opens a phases-only scope.
     */
    private void updateGenerators(StepContext c, NDArray a, NDArray b, NDArray[] fakes,
            NDArray[] terms) {
        GanLoss loss = p.loss();
        c.update(() -> {
            NDArray fakeB = forward(c, G_AB, a);
            NDArray fakeA = forward(c, G_BA, b);
            NDArray recA = forward(c, G_BA, fakeB);
            NDArray recB = forward(c, G_AB, fakeA);
            boolean identity = p.identityWeight() > 0;
            fakes[0] = fakeA.stopGradient();
            fakes[1] = fakeB.stopGradient();
            NDArray adv = adversarial(c, loss, D_B, fakeB, b).add(adversarial(c, loss, D_A, fakeA,
                    a));
            NDArray cycle = p.cycle().perSample(recA, a).mean()
                    .add(p.cycle().perSample(recB, b).mean());
            NDArray total = adv.add(Scalars.mul(cycle, (float) p.cycleWeight()));
            NDArray identityTerm = c.manager().zeros(new Shape());
            if (identity) {
                identityTerm = p.identity().perSample(forward(c, G_AB, b), b).mean()
                        .add(p.identity().perSample(forward(c, G_BA, a), a).mean());
                total = total.add(Scalars.mul(identityTerm, (float) (p.identityWeight()
                        * p.cycleWeight())));
            }
            terms[0] = adv;
            terms[1] = cycle;
            terms[2] = identityTerm;
            return total;
        }, G_AB, G_BA);
    }

    private NDArray forward(StepContext c, String network, NDArray x) {
        (network.equals(G_AB) ? p.g() : p.f()).feedNoise(c.stepStream("translation-noise-"
                + network, passes++));
        return c.forward(network, new NDList(x)).singletonOrThrow();
    }

    private static NDArray score(StepContext c, String critic, NDArray x) {
        return PatchScores.asSamples(c.forward(critic, new NDList(x)).singletonOrThrow());
    }

    private static NDArray adversarial(StepContext c, GanLoss loss, String critic, NDArray fake,
            NDArray real) {
        return loss.generatorLoss(score(c, critic, fake), loss.generatorNeedsRealLogits()
                ? score(c, critic, real).stopGradient() : null);
    }

    private static NDArray critic(StepContext c, GanLoss loss, String critic,
            CriticRegularizers regularizers, NDArray real, NDArray fake) {
        NDArray d = Scalars.mul(
                loss.discriminatorLoss(score(c, critic, real), score(c, critic, fake)), 0.5f);
        NDArray penalty = regularizers.isEmpty() ? null
                : regularizers.penalty(c, real, fake, 0);
        return penalty == null ? d : d.add(penalty);
    }

    @Override
    public NDArray sample(SampleContext context, SampleRequest request) {
        throw new UnsupportedOperationException("cyclegan translates images between its two"
                + " domains rather than drawing them from noise: use gen4j translate --to A|B");
    }

    @Override
    public List<Picture> pictures(PictureContext context, DataInfo info) {
        return context.dataSamples(8).map(batch -> {
            NDArray a = batch.images();
            NDArray b = batch.get(BatchField.UNPAIRED);
            NDArray ab = translate(context, a, "B", null);
            NDArray ba = translate(context, b, "A", null);
            List<Picture> pictures = new ArrayList<>();
            pictures.add(TranslationPictures.triples(Picture.SAMPLES, "A, G(A), F(G(A))", a, ab,
                    translate(context, ab, "A", null)));
            pictures.add(TranslationPictures.triples("b-to-a", "B, F(B), G(F(B))", b, ba,
                    translate(context, ba, "B", null)));
            return pictures;
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
        return List.of("A", "B");
    }

    @Override
    public NDArray translate(SampleContext context, NDArray images, String to,
            RandomStream noise) {
        String target = to == null ? "B" : to;
        if (!domains().contains(target)) {
            throw new IllegalArgumentException("cyclegan translates to domain A or B, got '"
                    + to + "'");
        }
        TranslationNetworks.checkImages(images, shape);
        (target.equals("B") ? p.g() : p.f()).feedNoise(noise);
        return context.forward(target.equals("B") ? G_AB : G_BA, new NDList(images))
                .singletonOrThrow();
    }

    @Override
    public Optional<ProcedureState> state() {
        return Optional.of(new ProcedureState() {
            @Override
            public void save(Writer writer) {
                poolA.save(writer);
                poolB.save(writer);
            }

            @Override
            public void restore(Reader reader) {
                poolA.restore(reader);
                poolB.restore(reader);
            }
        });
    }
}
