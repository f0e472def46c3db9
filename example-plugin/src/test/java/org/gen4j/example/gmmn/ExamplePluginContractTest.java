package org.gen4j.example.gmmn;

import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.gen4j.core.procedure.DataInfo;
import org.gen4j.core.procedure.ProcedureSetup;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.GenPlugin;
import org.gen4j.core.spi.NamedFactory;
import org.gen4j.core.spi.PluginKind;
import org.gen4j.core.util.Options;
import org.gen4j.testing.plugins.PluginContract;

/** The example plugin passes the plugin contract, its own kind of kernels included. */
class ExamplePluginContractTest extends PluginContract {

    @Override
    protected GenPlugin plugin() {
        return new ExamplePlugin();
    }

    @Override
    protected ProcedureSetup procedureSetup(String name) {
        var registry = Gen4j.registry();
        RunSpec spec = RunSpec.builder().setModel(name).optSteps(10).build(registry);
        return new ProcedureSetup(spec, registry, DataInfo.unlabelled(new Shape(2), "points"));
    }

    @Override
    protected boolean creates(PluginKind<?> kind, String name) {
        return kind.equals(KernelFactory.KIND) || super.creates(kind, name);
    }

    @Override
    protected Object create(PluginKind<?> kind, String name, NamedFactory factory,
            Map<String, ?> values) {
        if (kind.equals(KernelFactory.KIND)) {
            return ((KernelFactory) factory).create(new Options("kernel '" + name + "'", values));
        }
        return super.create(kind, name, factory, values);
    }
}
