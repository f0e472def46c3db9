package org.gen4j.models.gan.mlp;

import org.gen4j.core.model.Generator;
import org.gen4j.core.model.GeneratorFactory;
import org.gen4j.core.model.NetworkSpec;

/** Registers the {@code mlp-gan} generator. */
public final class MlpGeneratorFactory implements GeneratorFactory {

    @Override
    public String name() {
        return MlpGan.NAME;
    }

    @Override
    public String description() {
        return "Fully connected generator (ReLU; tanh output for images) for 2D mixtures and flat"
                + " images";
    }

    @Override
    public Generator create(NetworkSpec spec) {
        return MlpGan.generator(spec);
    }
}
