package org.gen4j.models.gan.sngan;

import org.gen4j.core.model.Generator;
import org.gen4j.core.model.GeneratorFactory;
import org.gen4j.core.model.NetworkSpec;

/** Registers the {@code sngan} generator. */
public final class SnganGeneratorFactory implements GeneratorFactory {

    @Override
    public String name() {
        return Sngan.NAME;
    }

    @Override
    public String description() {
        return "SNGAN standard CNN generator (Miyato et al. 2018): linear projection, strided"
                + " transposed convolutions, BatchNorm, ReLU, 3x3 output convolution, tanh";
    }

    @Override
    public Generator create(NetworkSpec spec) {
        return Sngan.generator(spec);
    }
}
