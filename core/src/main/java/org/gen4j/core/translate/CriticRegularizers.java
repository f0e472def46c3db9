package org.gen4j.core.translate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;
import org.gen4j.core.engine.Scalars;
import org.gen4j.core.loss.CriticContext;
import org.gen4j.core.loss.RegularizerFactory;
import org.gen4j.core.loss.WeightedRegularizer;
import org.gen4j.core.model.Discriminator;
import org.gen4j.core.procedure.ProcedureSetup;
import org.gen4j.core.procedure.SampleContext;
import org.gen4j.core.procedure.StepContext;
import org.gen4j.core.spec.RegularizerSpec;
import org.gen4j.core.util.Options;

/**
 * The registered regularizers of one critic of an application (the spec's {@code
 * regularizers}): weight clipping after each update (DualGAN), a gradient penalty in it
 * (StarGAN's WGAN-GP). The critic is seen by them as the network that maps an image to its
 * patch scores; a penalty differentiates their sum, as StarGAN's reference does.
 */
public final class CriticRegularizers {

    private final Discriminator critic;
    private final String network;
    private final List<WeightedRegularizer> regularizers;

    private CriticRegularizers(Discriminator critic, String network,
            List<WeightedRegularizer> regularizers) {
        this.critic = critic;
        this.network = network;
        this.regularizers = List.copyOf(regularizers);
    }

    /**
     * The spec's regularizers for a critic, each with its weight or its default weight.
     *
     * @param scoreBlock the block that maps an image to the patch scores alone: the trained
     *     critic, or a view of its layers without an auxiliary head
     * @param network the critic's network name, for its forward pass
     * @param batchNorm whether the critic normalises over the batch
     */
    public static CriticRegularizers of(ProcedureSetup setup, Block scoreBlock, Shape input,
            String network, boolean batchNorm) {
        return of(setup, setup.spec().get(TranslationKeys.REGULARIZERS), scoreBlock, input,
                network, batchNorm);
    }

    /** As {@link #of(ProcedureSetup, Block, Shape, String, boolean)}, for given regularizers. */
    public static CriticRegularizers of(ProcedureSetup setup, List<RegularizerSpec> specs,
            Block scoreBlock, Shape input, String network, boolean batchNorm) {
        List<WeightedRegularizer> list = new ArrayList<>();
        for (RegularizerSpec r : specs) {
            if (r.name() == null || r.name().isBlank()) {
                throw new IllegalArgumentException("every entry of regularizers needs a name");
            }
            RegularizerFactory f = setup.registry().regularizer(r.name());
            Options options = new Options("regularizer '" + r.name() + "'", r.options());
            list.add(new WeightedRegularizer(f.create(options),
                    r.weight() != null ? r.weight() : f.defaultWeight()));
            options.checkAllUsed();
        }
        return new CriticRegularizers(Discriminator.of(scoreBlock, input, batchNorm
                ? EnumSet.of(Discriminator.Trait.BATCH_NORM)
                : EnumSet.noneOf(Discriminator.Trait.class)), network, list);
    }

    /** Whether a penalty needs the critic without BatchNorm. */
    public static boolean forbidBatchNorm(ProcedureSetup setup) {
        for (RegularizerSpec r : setup.spec().get(TranslationKeys.REGULARIZERS)) {
            if (r.name() != null && setup.registry().regularizer(r.name())
                    .create(new Options("regularizer '" + r.name() + "'", r.options()))
                    .forbidsBatchNorm()) {
                return true;
            }
        }
        return false;
    }

    /** Whether there are none. */
    public boolean isEmpty() {
        return regularizers.isEmpty();
    }

    /** Checks that each can serve the critic on this engine. */
    public void check(SampleContext context) {
        CriticContext probe = new CriticContext(critic, context.parameterStore(), null, null,
                x -> context.forward(network, new NDList(x)), null);
        for (WeightedRegularizer r : regularizers) {
            r.regularizer().checkSupported(probe);
        }
    }

    /** The weighted penalties of one critic update, or null without any. */
    public NDArray penalty(StepContext c, NDArray real, NDArray fake, int index) {
        NDArray total = null;
        CriticContext context = context(c, real, fake, index);
        for (WeightedRegularizer r : regularizers) {
            NDArray p = r.regularizer().penalty(context);
            if (p != null && r.weight() != 0) {
                NDArray weighted = Scalars.mul(p, (float) r.weight());
                total = total == null ? weighted : total.add(weighted);
            }
        }
        return total;
    }

    /** Applies the constraints after the critic's optimizer step. */
    public void afterStep(StepContext c, NDArray real, int index) {
        CriticContext context = context(c, real, null, index);
        for (WeightedRegularizer r : regularizers) {
            r.regularizer().afterDiscriminatorStep(context);
        }
    }

    private CriticContext context(StepContext c, NDArray real, NDArray fake, int index) {
        Function<NDArray, NDList> forward = x -> c.forward(network, new NDList(x));
        return new CriticContext(critic, c.parameterStore(), real, fake, forward,
                c.stepStream("regularizer-" + network, index));
    }
}
