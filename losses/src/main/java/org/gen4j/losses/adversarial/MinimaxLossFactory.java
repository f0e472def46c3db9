package org.gen4j.losses.adversarial;

import org.gen4j.core.loss.GanLoss;
import org.gen4j.core.loss.GanLossFactory;
import org.gen4j.core.util.Options;

/** Registers {@code minimax}: the standard discriminator loss and the saturating generator loss. */
public final class MinimaxLossFactory implements GanLossFactory {

    /** The plugin name. */
    public static final String NAME = "minimax";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Original GAN objective: D by cross-entropy, G minimises log(1 - D(G(z)))"
                + " (saturates)";
    }

    @Override
    public GanLoss create(Options options) {
        options.checkAllUsed();
        return new StandardGanLoss(true);
    }
}
