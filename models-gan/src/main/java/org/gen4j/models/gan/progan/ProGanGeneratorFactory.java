package org.gen4j.models.gan.progan;

import org.gen4j.core.model.Generator;
import org.gen4j.core.model.GeneratorFactory;
import org.gen4j.core.model.NetworkSpec;

/** Registers the {@code progan} generator. */
public final class ProGanGeneratorFactory implements GeneratorFactory {

    @Override
    public String name() {
        return ProGan.NAME;
    }

    @Override
    public String description() {
        return "ProGAN generator (Karras et al. 2018): grows from 7x7 or 4x4 by doubling, pixel"
                + " normalisation, equalised learning rate, toRGB per stage (procedure progan)";
    }

    @Override
    public Generator create(NetworkSpec spec) {
        return ProGan.generator(spec);
    }
}
