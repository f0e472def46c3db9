package org.gen4j.core.translate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.gen4j.core.engine.Scalars;
import org.gen4j.core.loss.GanLoss;
import org.gen4j.core.model.PatchDiscriminator;
import org.gen4j.core.model.Translator;
import org.gen4j.core.nn.Resampling;
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

/**
 * Paired image-to-image training with an adversarial and a content objective: pix2pix (a critic
 * that sees the input beside the output, 100 x L1) and SRGAN (a critic of the output alone,
 * pixel and perceptual terms) are two settings of it.
 *
 * <p>Each step reads one batch of inputs {@code x} and targets {@code y} ({@link
 * BatchField#TARGETS}). The critic's update minimises half the loss's discriminator objective
 * on the patch scores of {@code (x, y)} and {@code (x, G(x))} (pix2pix's halving, which slows
 * the critic against the generator); the generator's update minimises {@code adversarialWeight}
 * times the loss's generator objective plus the weighted content terms of {@code G(x)} against
 * {@code y}. With an adversarial weight of 0 the critic is not trained, and the generator
 * learns the content terms alone (the content-only baseline). Dropout noise in the generator
 * draws from the step's stream {@code translation-noise}, the same in both updates, so that a
 * resumed run is the straight one.
 */
public final class PairedTranslation implements TrainingProcedure, ImageTranslation {

    /** The generator's network name. */
    public static final String GENERATOR = "generator";

    /** The critic's network name. */
    public static final String DISCRIMINATOR = "discriminator";

    private static final String NOISE = "translation-noise";

    private final Parts parts;
    private final DataInfo data;
    private final List<String> metrics;

    /**
     * The pieces of one setting.
     *
     * @param generator the image-to-image network
     * @param critic the patch critic; its input is the output image, with the input's channels
     *     in front when {@code conditionalCritic}
     * @param conditionalCritic whether the critic sees the input beside the output (pix2pix)
     * @param loss the adversarial loss
     * @param adversarialWeight the weight of the generator's adversarial term; 0 trains the
     *     content terms alone
     * @param content the content terms, at least one
     * @param initStd the N(0, std) initialisation of both networks; 0 for Xavier
     */
    public record Parts(Translator generator, PatchDiscriminator critic,
            boolean conditionalCritic, GanLoss loss, double adversarialWeight,
            List<WeightedTerm> content, float initStd) {

        /** Validates. */
        public Parts {
            Objects.requireNonNull(generator, "generator is null");
            Objects.requireNonNull(critic, "critic is null");
            Objects.requireNonNull(loss, "loss is null");
            content = List.copyOf(content);
            if (content.isEmpty()) {
                throw new IllegalArgumentException("paired translation needs a content term");
            }
            if (!(adversarialWeight >= 0) || Double.isInfinite(adversarialWeight)) {
                throw new IllegalArgumentException("the adversarial weight must be finite and"
                        + " >= 0, got " + adversarialWeight);
            }
        }
    }

    /**
     * The procedure for data whose images are the inputs and whose targets field the outputs.
     *
     * @throws IllegalArgumentException if the data has no targets, or their shapes do not fit
     *     the networks
     */
    public PairedTranslation(Parts parts, DataInfo data) {
        this.parts = Objects.requireNonNull(parts, "parts is null");
        this.data = Objects.requireNonNull(data, "data is null");
        Shape target = data.shapeOf(BatchField.TARGETS);
        if (!parts.generator().inputShape().equals(data.sampleShape())
                || !parts.generator().outputShape().equals(target)) {
            throw new IllegalArgumentException("the generator maps " + parts.generator()
                    .inputShape() + " to " + parts.generator().outputShape() + ", but the data "
                    + data.description() + " pairs " + data.sampleShape() + " with " + target);
        }
        List<String> names = new ArrayList<>(List.of("loss_d", "loss_g"));
        parts.content().forEach(t -> names.add(t.name()));
        this.metrics = List.copyOf(names);
    }

    /** The critic's input shape for a setting: the output, after the input's channels if any. */
    public static Shape criticInput(Shape input, Shape output, boolean conditional) {
        return conditional ? new Shape(input.get(0) + output.get(0), output.get(1),
                output.get(2)) : output;
    }

    @Override
    public List<Network> networks() {
        Shape in = new Shape(1).addAll(parts.generator().inputShape());
        Shape critic = new Shape(1).addAll(parts.critic().inputShape());
        return List.of(Network.of(GENERATOR, parts.generator().block(), in, parts.initStd()),
                Network.of(DISCRIMINATOR, parts.critic().block(), critic, parts.initStd()));
    }

    @Override
    public Set<BatchField> requiredFields() {
        return Set.of(BatchField.IMAGES, BatchField.TARGETS);
    }

    @Override
    public List<String> metrics() {
        return metrics;
    }

    @Override
    public StepOutcome step(StepContext c) {
        StepBatch batch = c.nextBatch();
        NDArray x = batch.images();
        NDArray y = batch.get(BatchField.TARGETS);
        GanLoss loss = parts.loss();
        NDArray lossD;
        if (parts.adversarialWeight() > 0) {
            // The critic update's arrays (the generator's forward, both critic passes and their
            // graphs) are freed before the generator update, which computes its own.
            UpdateScope scope = UpdateScope.open(c.manager());
            scope.own(x);
            scope.own(y);
            lossD = c.update(() -> {
                NDArray fake = generate(c, x).stopGradient();
                NDArray real = score(c, x, y);
                return Scalars.mul(loss.discriminatorLoss(real, score(c, x, fake)), 0.5f);
            }, DISCRIMINATOR);
            scope.keep(x, y, lossD);
            scope.close();
        } else {
            lossD = c.manager().zeros(new Shape());
        }
        NDArray[] reported = new NDArray[parts.content().size() + 1];
        c.update(() -> {
            NDArray fake = generate(c, x);
            NDArray total = null;
            if (parts.adversarialWeight() > 0) {
                NDArray adv = loss.generatorLoss(score(c, x, fake),
                        loss.generatorNeedsRealLogits() ? score(c, x, y).stopGradient() : null);
                reported[0] = adv;
                total = Scalars.mul(adv, (float) parts.adversarialWeight());
            } else {
                reported[0] = c.manager().zeros(new Shape());
            }
            for (int i = 0; i < parts.content().size(); i++) {
                NDArray term = parts.content().get(i).of(fake, y);
                reported[i + 1] = term;
                total = total == null ? term : total.add(term);
            }
            return total;
        }, GENERATOR);
        NDArray[] values = new NDArray[reported.length + 1];
        values[0] = lossD;
        System.arraycopy(reported, 0, values, 1, reported.length);
        return StepOutcome.of(values);
    }

    private NDArray generate(StepContext c, NDArray x) {
        parts.generator().feedNoise(c.stepStream(NOISE, 0));
        return c.forward(GENERATOR, new NDList(x)).singletonOrThrow();
    }

    private NDArray score(StepContext c, NDArray x, NDArray out) {
        return PatchScores.asSamples(c.forward(DISCRIMINATOR, new NDList(criticInput(x, out)))
                .singletonOrThrow());
    }

    private NDArray criticInput(NDArray x, NDArray out) {
        if (!parts.conditionalCritic()) {
            return out;
        }
        long factor = out.getShape().get(2) / x.getShape().get(2);
        NDArray shown = factor > 1 ? Resampling.up(x, Math.toIntExact(factor)) : x;
        return shown.concat(out, 1);
    }

    @Override
    public NDArray sample(SampleContext context, SampleRequest request) {
        throw new UnsupportedOperationException("this model translates images rather than"
                + " drawing them from noise: give it images (gen4j translate or gen4j upscale)");
    }

    @Override
    public List<Picture> pictures(PictureContext context, DataInfo info) {
        return context.dataSamples(TranslationPictures.MAX_TRIPLES).map(batch -> List.of(
                TranslationPictures.triples("input, output, target", batch.images(),
                        translate(context, batch.images(), null, context.fixed(NOISE)),
                        batch.get(BatchField.TARGETS)))).orElse(List.of());
    }

    @Override
    public Shape inputShape() {
        return parts.generator().inputShape();
    }

    @Override
    public Shape outputShape() {
        return parts.generator().outputShape();
    }

    @Override
    public NDArray translate(SampleContext context, NDArray images, String to,
            RandomStream noise) {
        if (to != null) {
            throw new IllegalArgumentException("this model translates one way and has no"
                    + " domains to choose; leave the target domain out (got '" + to + "')");
        }
        TranslationNetworks.checkImages(images, inputShape());
        parts.generator().feedNoise(Objects.requireNonNull(noise, "noise is null"));
        return context.forward(GENERATOR, new NDList(images)).singletonOrThrow();
    }
}
