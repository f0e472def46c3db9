package org.gen4j.losses.adversarial;

import org.gen4j.core.loss.GanLoss;
import org.gen4j.core.loss.GanLossFactory;
import org.gen4j.core.util.Options;

/** Registers {@code non-saturating}: the standard discriminator loss and -log D(G(z)) for G. */
public final class NonSaturatingLossFactory implements GanLossFactory {

    /** The plugin name. */
    public static final String NAME = "non-saturating";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "GAN with D by cross-entropy and G minimising -log D(G(z)) (the usual choice)";
    }

    @Override
    public GanLoss create(Options options) {
        options.checkAllUsed();
        return new StandardGanLoss(false);
    }
}
