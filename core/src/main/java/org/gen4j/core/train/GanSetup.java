package org.gen4j.core.train;

import java.util.List;
import java.util.Objects;
import org.gen4j.core.loss.GanLoss;
import org.gen4j.core.model.Discriminator;
import org.gen4j.core.model.Generator;
import org.gen4j.core.optim.OptimizerSpec;

/**
 * What a {@link GanTrainer} trains and how.
 *
 * @param generator the generator
 * @param discriminator the discriminator (critic)
 * @param loss the adversarial loss
 * @param regularizers penalties and constraints on the discriminator
 * @param nCritic discriminator updates per generator update, >= 1
 * @param batchSize samples per update, >= 1
 * @param optimizerG the generator's optimizer
 * @param optimizerD the discriminator's optimizer
 * @param seed the seed of initialisation and noise
 * @param initStd the standard deviation of the N(0, std) initialisation of weights (DCGAN: 0.02)
 */
public record GanSetup(
        Generator generator,
        Discriminator discriminator,
        GanLoss loss,
        List<WeightedRegularizer> regularizers,
        int nCritic,
        int batchSize,
        OptimizerSpec optimizerG,
        OptimizerSpec optimizerD,
        long seed,
        float initStd) {

    /** Validates the setup. */
    public GanSetup {
        Objects.requireNonNull(generator, "generator is null");
        Objects.requireNonNull(discriminator, "discriminator is null");
        Objects.requireNonNull(loss, "loss is null");
        regularizers = regularizers == null ? List.of() : List.copyOf(regularizers);
        if (nCritic < 1) {
            throw new IllegalArgumentException("n-critic must be >= 1, got " + nCritic);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch-size must be >= 1, got " + batchSize);
        }
        optimizerG.validate("optimizer-g");
        optimizerD.validate("optimizer-d");
        if (!generator.sampleShape().equals(discriminator.inputShape())) {
            throw new IllegalArgumentException("generator makes samples of shape "
                    + generator.sampleShape() + " but the discriminator takes "
                    + discriminator.inputShape());
        }
        if (!(initStd > 0)) {
            throw new IllegalArgumentException("initStd must be > 0, got " + initStd);
        }
    }
}
