package org.gen4j.losses.regularizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.gen4j.core.loss.CriticContext;
import org.gen4j.core.loss.Regularizer;
import org.gen4j.core.loss.RegularizerFactory;
import org.gen4j.core.util.Options;

/**
 * Registers {@code weight-clipping} (Arjovsky et al. 2017, https://arxiv.org/abs/1701.07875):
 * after every critic update each trainable critic parameter is clipped to [-c, c] (option
 * {@code c}, default 0.01). It adds no term to the loss.
 */
public final class WeightClippingFactory implements RegularizerFactory {

    /** The plugin name. */
    public static final String NAME = "weight-clipping";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "WGAN weight clipping: every critic weight clipped to [-c, c] (c = 0.01) after each"
                + " critic update";
    }

    @Override
    public Regularizer create(Options options) {
        float c = (float) options.getDouble("c", 0.01, 1e-9, 1e3);
        options.checkAllUsed();
        return new WeightClipping(c);
    }

    /** The clipping constraint. */
    public static final class WeightClipping implements Regularizer {
        private final float c;

        WeightClipping(float c) {
            this.c = c;
        }

        /** The clipping bound c. */
        public float bound() {
            return c;
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public NDArray penalty(CriticContext context) {
            return null;
        }

        @Override
        public void afterDiscriminatorStep(CriticContext context) {
            for (Pair<String, Parameter> p : context.discriminator().block().getParameters()) {
                if (!p.getValue().requiresGradient()) {
                    continue; // BatchNorm running statistics are not weights
                }
                NDArray w = p.getValue().getArray();
                // Every op runs on a copy in a scratch manager: an op whose first operand is the
                // parameter allocates in the model's manager, and PyTorch's clip even creates its
                // two bounds there as scalar arrays.
                try (NDManager scratch = w.getManager().newSubManager()) {
                    NDArray copy = w.duplicate();
                    copy.attach(scratch);
                    copy.clip(-c, c).copyTo(w);
                }
            }
        }
    }
}
