package org.gen4j.models.gan;

import ai.djl.ndarray.types.Shape;
import org.gen4j.core.procedure.DataInfo;
import org.gen4j.core.procedure.ProcedureSetup;
import org.gen4j.core.spi.GenPlugin;
import org.gen4j.models.gan.dcgan.Dcgan;
import org.gen4j.models.gan.mlp.MlpGan;
import org.gen4j.models.gan.progan.ProGan;
import org.gen4j.models.gan.sngan.Sngan;
import org.gen4j.testing.plugins.PluginContract;

/** The GAN plugin (procedures and architectures) passes the plugin contract. */
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
            case Sngan.NAME, ProGan.NAME -> new Shape(1, 28, 28);
            default -> super.sampleShape(architecture);
        };
    }

    @Override
    protected ProcedureSetup procedureSetup(String name) {
        var spec = GanFixtures.spec(GanFixtures.REGISTRY, name, 8);
        return new ProcedureSetup(spec, GanFixtures.REGISTRY,
                DataInfo.labelled(new Shape(1, 28, 28), 10, "contract data"));
    }
}
