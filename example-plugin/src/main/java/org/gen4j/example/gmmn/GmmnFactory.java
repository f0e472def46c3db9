package org.gen4j.example.gmmn;

import java.util.List;
import java.util.Map;
import org.gen4j.core.optim.OptimizerSpec;
import org.gen4j.core.procedure.NetworkRole;
import org.gen4j.core.procedure.ProcedureFactory;
import org.gen4j.core.procedure.ProcedureSetup;
import org.gen4j.core.procedure.TrainingProcedure;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spec.SpecKey;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.util.Options;

/**
 * Registers the procedure {@value #NAME}: its spec keys, its one network, and how to build it.
 * The kernel is looked up by name among the plugins of this plugin's own kind.
 */
public final class GmmnFactory implements ProcedureFactory {

    /** The procedure's name, as in {@code gen4j train --model gmmn}. */
    public static final String NAME = "gmmn";

    static final SpecKey<Integer> LATENT_SIZE = SpecKey.integer("latent-size", 8, 1, 1024,
            "the size of the latent vector");
    static final SpecKey<String> KERNEL = SpecKey.name("kernel", "gaussian",
            "the kernel of the MMD (gen4j list kernels)");
    static final SpecKey<Map<String, Object>> KERNEL_OPTIONS = SpecKey.options("kernel-options",
            "options of the kernel");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Generative moment-matching network (Li et al. 2015): a generator trained on the"
                + " MMD to the data, no discriminator";
    }

    @Override
    public List<SpecKey<?>> keys() {
        return List.of(LATENT_SIZE, KERNEL, KERNEL_OPTIONS);
    }

    @Override
    public List<NetworkRole> networks() {
        return List.of(NetworkRole.of(Gmmn.GENERATOR, OptimizerSpec.adam(1e-3, 0.5, 0.999)));
    }

    @Override
    public RunSpec complete(RunSpec spec, Registry registry) {
        registry.get(KernelFactory.KIND, spec.get(KERNEL)); // fails early, naming the kernels
        return spec;
    }

    @Override
    public TrainingProcedure create(ProcedureSetup setup) {
        RunSpec spec = setup.spec();
        String name = spec.get(KERNEL);
        Kernel kernel = setup.registry().get(KernelFactory.KIND, name)
                .create(new Options("kernel '" + name + "'", spec.get(KERNEL_OPTIONS)));
        Options model = setup.modelOptions("model 'gmmn'");
        int width = model.getInt("width", 64, 1, 65536);
        int depth = model.getInt("depth", 2, 1, 16);
        model.checkAllUsed();
        return new Gmmn(setup.data(), kernel, spec.get(LATENT_SIZE), width, depth);
    }
}
