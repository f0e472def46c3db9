package org.gen4j.models.gan.progan;

import org.gen4j.core.model.Discriminator;
import org.gen4j.core.model.DiscriminatorFactory;
import org.gen4j.core.model.NetworkSpec;

/** Registers the {@code progan} discriminator. */
public final class ProGanDiscriminatorFactory implements DiscriminatorFactory {

    @Override
    public String name() {
        return ProGan.NAME;
    }

    @Override
    public String description() {
        return "ProGAN discriminator: fromRGB per stage, average pooling, minibatch standard"
                + " deviation, equalised learning rate (procedure progan)";
    }

    @Override
    public Discriminator create(NetworkSpec spec) {
        return ProGan.discriminator(spec);
    }
}
