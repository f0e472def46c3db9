package org.gen4j.models.gan.dcgan;

import org.gen4j.core.model.Generator;
import org.gen4j.core.model.GeneratorFactory;
import org.gen4j.core.model.NetworkSpec;

/** Registers the {@code dcgan} generator. */
public final class DcganGeneratorFactory implements GeneratorFactory {

    @Override
    public String name() {
        return Dcgan.NAME;
    }

    @Override
    public String description() {
        return "DCGAN generator: linear or 4x4 projection, strided transposed convolutions, BatchNorm,"
                + " ReLU, tanh output (28x28 or 64x64)";
    }

    @Override
    public Generator create(NetworkSpec spec) {
        return Dcgan.generator(spec);
    }
}
