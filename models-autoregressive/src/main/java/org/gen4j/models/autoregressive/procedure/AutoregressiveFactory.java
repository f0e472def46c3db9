package org.gen4j.models.autoregressive.procedure;

import java.util.List;
import org.gen4j.core.data.BinarizedSampleSet;
import org.gen4j.core.likelihood.PixelLikelihood;
import org.gen4j.core.likelihood.PixelLikelihoods;
import org.gen4j.core.optim.OptimizerSpec;
import org.gen4j.core.procedure.DataInfo;
import org.gen4j.core.procedure.NetworkRole;
import org.gen4j.core.procedure.ProcedureFactory;
import org.gen4j.core.procedure.ProcedureSetup;
import org.gen4j.core.procedure.TrainingProcedure;
import org.gen4j.core.spec.CommonKeys;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spec.SpecKey;
import org.gen4j.core.spi.Registry;
import org.gen4j.models.autoregressive.networks.AutoregressiveNetworkFactory;

/**
 * Registers the procedure {@value #NAME}: maximum likelihood for any autoregressive network
 * ({@code gen4j list autoregressive-networks}), so that {@code gen4j train --model pixelcnn}
 * trains one. One network, {@code model}, with Adam 1e-3.
 */
public final class AutoregressiveFactory implements ProcedureFactory {

    /** The procedure's name. */
    public static final String NAME = "autoregressive";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Autoregressive image model by exact maximum likelihood: pixelcnn,"
                + " gated-pixelcnn, pixelrnn-row-lstm, pixelrnn-diagonal-bilstm (a Bernoulli or"
                + " 256-way output per value)";
    }

    @Override
    public List<SpecKey<?>> keys() {
        return AutoregressiveKeys.all();
    }

    @Override
    public List<NetworkRole> networks() {
        return List.of(NetworkRole.of(Autoregressive.MODEL, OptimizerSpec.adam(1e-3, 0.9,
                0.999)));
    }

    @Override
    public boolean trainsArchitecture(String model, Registry registry) {
        return registry.contains(AutoregressiveNetworkFactory.KIND, model);
    }

    @Override
    public RunSpec complete(RunSpec spec, Registry registry) {
        architecture(spec, registry);
        return spec;
    }

    private static AutoregressiveNetworkFactory architecture(RunSpec spec, Registry registry) {
        String model = spec.get(CommonKeys.MODEL);
        if (model.equals(NAME) || !registry.contains(AutoregressiveNetworkFactory.KIND, model)) {
            throw new IllegalArgumentException("procedure " + NAME + " trains an"
                    + " autoregressive network: model must be one of "
                    + registry.all(AutoregressiveNetworkFactory.KIND).keySet() + ", got '"
                    + model + "'");
        }
        return registry.get(AutoregressiveNetworkFactory.KIND, model);
    }

    /** The output distribution of a spec: {@code auto} follows the data's binarisation. */
    static String output(RunSpec spec) {
        String output = spec.get(AutoregressiveKeys.OUTPUT);
        if (!output.equals(AutoregressiveKeys.AUTO)) {
            return output;
        }
        Object binarize = spec.dataOptions().get(BinarizedSampleSet.OPTION);
        boolean binary = binarize != null && !binarize.toString().equals(BinarizedSampleSet.NONE);
        return binary ? PixelLikelihoods.BERNOULLI : PixelLikelihoods.CATEGORICAL;
    }

    @Override
    public TrainingProcedure create(ProcedureSetup setup) {
        RunSpec spec = setup.spec();
        AutoregressiveNetworkFactory factory = architecture(spec, setup.registry());
        DataInfo data = setup.data();
        if (!data.isImage()) {
            throw new IllegalArgumentException("an autoregressive model takes images (C, H, W);"
                    + " data " + data.description() + " has samples of shape "
                    + data.sampleShape());
        }
        int classes = 0;
        if (spec.get(AutoregressiveKeys.CONDITIONAL)) {
            if (!factory.conditional()) {
                throw new IllegalArgumentException("conditional: " + factory.name() + " takes"
                        + " no class; the conditional model is gated-pixelcnn");
            }
            if (data.numClasses() < 2) {
                throw new IllegalArgumentException("conditional: data " + data.description()
                        + " has no labels");
            }
            classes = data.numClasses();
        }
        PixelLikelihood output = PixelLikelihoods.of(output(spec), 1);
        return new Autoregressive(data, factory.name(), factory.create(
                setup.modelOptions("model '" + factory.name() + "'"), data.sampleShape(),
                output.outputsPerValue(), classes), output, classes,
                spec.get(AutoregressiveKeys.CACHED_SAMPLING));
    }
}
