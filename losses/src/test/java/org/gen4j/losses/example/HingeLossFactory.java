package org.gen4j.losses.example;

import ai.djl.ndarray.NDArray;
import org.gen4j.core.engine.Scalars;
import org.gen4j.core.loss.GanLoss;
import org.gen4j.core.loss.GanLossFactory;
import org.gen4j.core.util.Options;

/**
 * Registers {@code example-hinge}: the hinge loss of geometric GAN and SAGAN, the example of
 * docs/writing-a-plugin.md. D minimises mean(relu(m - D(x))) + mean(relu(m + D(G(z)))), G
 * minimises -mean(D(G(z))); the margin m is the option {@code margin} (default 1).
 */
public final class HingeLossFactory implements GanLossFactory {

    /** The plugin name: stable, lower-kebab-case, unique among losses. */
    public static final String NAME = "example-hinge";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Hinge loss (geometric GAN, SAGAN): D by a margin on each side, G raises D's score";
    }

    @Override
    public GanLoss create(Options options) {
        float margin = (float) options.getDouble("margin", 1.0, 0.0, 100.0);
        options.checkAllUsed(); // an unknown or misspelt option is an error
        return new HingeLoss(margin); // a new instance on every call
    }

    /** The loss itself: small, and free of wiring. */
    static final class HingeLoss implements GanLoss {

        private final float margin;

        HingeLoss(float margin) {
            this.margin = margin;
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits) {
            // Scalars, not realLogits.maximum(0f): DJL's number arithmetic loses its gradient on
            // the PyTorch engine once the garbage collector runs (see Scalars).
            NDArray real = Scalars.maximum(realLogits.neg().add(margin), 0f).mean();
            NDArray fake = Scalars.maximum(fakeLogits.add(margin), 0f).mean();
            return real.add(fake);
        }

        @Override
        public NDArray generatorLoss(NDArray fakeLogits, NDArray realLogits) {
            return fakeLogits.mean().neg();
        }
    }
}
