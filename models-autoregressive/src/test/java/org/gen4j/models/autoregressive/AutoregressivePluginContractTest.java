package org.gen4j.models.autoregressive;

import ai.djl.ndarray.types.Shape;
import org.gen4j.core.procedure.DataInfo;
import org.gen4j.core.procedure.ProcedureSetup;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.GenPlugin;
import org.gen4j.testing.plugins.PluginContract;

/** The autoregressive plugin passes the plugin contract. */
class AutoregressivePluginContractTest extends PluginContract {

    @Override
    protected GenPlugin plugin() {
        return new AutoregressiveModule();
    }

    @Override
    protected ProcedureSetup procedureSetup(String name) {
        var registry = Gen4j.registry();
        RunSpec spec = RunSpec.builder().setModel("pixelcnn").optSteps(10).build(registry);
        return new ProcedureSetup(spec, registry,
                DataInfo.labelled(new Shape(1, 28, 28), 10, "contract data"));
    }
}
