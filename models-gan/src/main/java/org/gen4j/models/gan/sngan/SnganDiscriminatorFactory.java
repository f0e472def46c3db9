package org.gen4j.models.gan.sngan;

import org.gen4j.core.model.Discriminator;
import org.gen4j.core.model.DiscriminatorFactory;
import org.gen4j.core.model.NetworkSpec;

/** Registers the {@code sngan} discriminator. */
public final class SnganDiscriminatorFactory implements DiscriminatorFactory {

    @Override
    public String name() {
        return Sngan.NAME;
    }

    @Override
    public String description() {
        return "SNGAN standard CNN discriminator: 3x3 and 4x4-stride-2 convolutions, LeakyReLU"
                + " 0.1, every weight layer spectrally normalised; no BatchNorm";
    }

    @Override
    public Discriminator create(NetworkSpec spec) {
        return Sngan.discriminator(spec);
    }
}
