package org.gen4j.models.gan.mlp;

import org.gen4j.core.model.Discriminator;
import org.gen4j.core.model.DiscriminatorFactory;
import org.gen4j.core.model.NetworkSpec;

/** Registers the {@code mlp-gan} discriminator. */
public final class MlpDiscriminatorFactory implements DiscriminatorFactory {

    @Override
    public String name() {
        return MlpGan.NAME;
    }

    @Override
    public String description() {
        return "Fully connected discriminator (LeakyReLU 0.2, no normalisation)";
    }

    @Override
    public Discriminator create(NetworkSpec spec) {
        return MlpGan.discriminator(spec);
    }
}
