package org.gen4j.losses;

import com.google.inject.AbstractModule;
import org.gen4j.core.spi.GenBindings;
import org.gen4j.core.spi.GenPlugin;
import org.gen4j.losses.adversarial.MinimaxLossFactory;
import org.gen4j.losses.adversarial.MoreLossFactories;
import org.gen4j.losses.adversarial.NonSaturatingLossFactory;
import org.gen4j.losses.preset.PaperPresets;
import org.gen4j.losses.reconstruction.ReconstructionLosses;
import org.gen4j.losses.variational.KlReconstructionFactory;
import org.gen4j.losses.regularizer.GradientPenaltyFactories;
import org.gen4j.losses.regularizer.WeightClippingFactory;

/**
 * The losses plugin: registers every adversarial loss, regularizer, reconstruction term and VAE
 * objective of this module by name, and the papers' presets ({@code wgan}, {@code wgan-gp}).
 */
public final class LossesModule extends AbstractModule implements GenPlugin {

    @Override
    protected void configure() {
        GenBindings.addLoss(binder(), new MinimaxLossFactory());
        GenBindings.addLoss(binder(), new NonSaturatingLossFactory());
        for (var factory : MoreLossFactories.all()) {
            GenBindings.addLoss(binder(), factory);
        }
        GenBindings.addRegularizer(binder(), new WeightClippingFactory());
        for (var factory : GradientPenaltyFactories.all()) {
            GenBindings.addRegularizer(binder(), factory);
        }
        for (var factory : ReconstructionLosses.all()) {
            GenBindings.addReconstructionLoss(binder(), factory);
        }
        GenBindings.addVariationalLoss(binder(), new KlReconstructionFactory());
        for (var preset : PaperPresets.all()) {
            GenBindings.addPreset(binder(), preset);
        }
    }
}
