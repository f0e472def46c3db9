package org.gen4j.models.gan.dcgan;

import org.gen4j.core.model.Discriminator;
import org.gen4j.core.model.DiscriminatorFactory;
import org.gen4j.core.model.NetworkSpec;

/** Registers the {@code dcgan} discriminator. */
public final class DcganDiscriminatorFactory implements DiscriminatorFactory {

    @Override
    public String name() {
        return Dcgan.NAME;
    }

    @Override
    public String description() {
        return "DCGAN discriminator: strided convolutions, LeakyReLU 0.2, BatchNorm except at the"
                + " input (28x28 or 64x64); option norm=batch|layer|none (layer by default with a"
                + " gradient penalty)";
    }

    @Override
    public Discriminator create(NetworkSpec spec) {
        return Dcgan.discriminator(spec);
    }
}
