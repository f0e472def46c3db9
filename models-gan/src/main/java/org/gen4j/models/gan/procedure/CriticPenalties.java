package org.gen4j.models.gan.procedure;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.List;
import java.util.function.Function;
import org.gen4j.core.engine.Scalars;
import org.gen4j.core.loss.CriticContext;
import org.gen4j.core.loss.WeightedRegularizer;
import org.gen4j.core.procedure.SampleContext;
import org.gen4j.core.procedure.StepContext;

/**
 * The regularizers of a GAN's discriminator as one step uses them: the weighted sum of the
 * penalties of an update, the constraints after its optimizer step, and the check before
 * training. A cgan critic's labels are bound while a penalty differentiates it with respect to
 * its input only, and unbound after.
 */
final class CriticPenalties {

    private final GanNetworks nets;
    private final List<WeightedRegularizer> regularizers;

    CriticPenalties(GanNetworks nets, List<WeightedRegularizer> regularizers) {
        this.nets = nets;
        this.regularizers = List.copyOf(regularizers);
    }

    /** Checks that every regularizer can serve this critic on this engine. */
    void check(SampleContext context) {
        if (regularizers.isEmpty()) {
            return;
        }
        CriticContext probe = new CriticContext(nets.discriminator(), context.parameterStore(),
                null, null, x -> context.forward(AlternatingGanStep.DISCRIMINATOR, new NDList(x)),
                null);
        for (WeightedRegularizer r : regularizers) {
            r.regularizer().checkSupported(probe);
        }
    }

    /** The weighted penalties of one discriminator update, or null without any. */
    NDArray penalty(StepContext c, NDArray real, NDArray fake, NDArray labels, int iteration) {
        if (regularizers.isEmpty()) {
            return null;
        }
        CriticContext context = context(c, real, fake, labels, iteration);
        NDArray total = null;
        try {
            for (WeightedRegularizer r : regularizers) {
                NDArray p = r.regularizer().penalty(context);
                if (p != null && r.weight() != 0) {
                    NDArray weighted = Scalars.mul(p, (float) r.weight());
                    total = total == null ? weighted : total.add(weighted);
                }
            }
        } finally {
            unbind();
        }
        return total;
    }

    /** Applies the constraints (weight clipping) after a discriminator's optimizer step. */
    void afterStep(StepContext c, NDArray real, NDArray labels, int iteration) {
        if (regularizers.isEmpty()) {
            return;
        }
        CriticContext after = context(c, real, null, labels, iteration);
        try {
            for (WeightedRegularizer r : regularizers) {
                r.regularizer().afterDiscriminatorStep(after);
            }
        } finally {
            unbind();
        }
    }

    /** The critic as a penalty sees it: a function of x alone, the labels bound. */
    private CriticContext context(StepContext c, NDArray real, NDArray fake, NDArray labels,
            int iteration) {
        if (nets.criticCondition() != null) {
            nets.criticCondition().bind(labels);
        }
        Function<NDArray, NDList> forward = x -> c.forward(AlternatingGanStep.DISCRIMINATOR,
                new NDList(x));
        return new CriticContext(nets.discriminator(), c.parameterStore(), real, fake, forward,
                c.stepStream("regularizer", iteration));
    }

    private void unbind() {
        if (nets.criticCondition() != null) {
            nets.criticCondition().unbind();
        }
    }
}
