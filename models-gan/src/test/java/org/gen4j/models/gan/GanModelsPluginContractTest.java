package org.gen4j.models.gan;

import ai.djl.ndarray.types.Shape;
import org.gen4j.core.spi.GenPlugin;
import org.gen4j.models.gan.dcgan.Dcgan;
import org.gen4j.models.gan.mlp.MlpGan;
import org.gen4j.testing.plugins.PluginContract;

/** The GAN architectures plugin passes the plugin contract. */
class GanModelsPluginContractTest extends PluginContract {

    @Override
    protected GenPlugin plugin() {
        return new GanModelsModule();
    }

    @Override
    protected Shape sampleShape(String architecture) {
        return switch (architecture) {
            case Dcgan.NAME -> new Shape(1, 28, 28);
            case MlpGan.NAME -> new Shape(2);
            default -> super.sampleShape(architecture);
        };
    }
}
