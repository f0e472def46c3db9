package org.gen4j.evaluation.features;

import org.gen4j.core.spi.NamedFactory;
import org.gen4j.core.util.Options;

/**
 * Makes feature networks of one kind: the plugin type of {@link FeatureNetworks#KIND}.
 *
 * <p>Register one with {@code GenBindings.add(binder(), FeatureNetworks.KIND, factory)}; it is then
 * found by {@code gen4j evaluate --features NAME} and by {@link FeatureNetworks#open}.
 */
public interface FeatureNetworkFactory extends NamedFactory {

    /** The option that names a network's file. */
    String FILE = "file";

    /**
     * Loads a network.
     *
     * @param options the network's options (for a file network: {@code file} and its input
     *     contract); unknown keys are refused
     * @return a new network, which the caller closes
     * @throws IllegalArgumentException naming the option or file when something is wrong
     */
    FeatureNetwork create(Options options);

    /**
     * The file names this kind loads, as extensions with their dot ({@code .onnx}); a path with
     * one of them given where a network's name is expected opens it with this factory, as the
     * option {@code file}.
     */
    default java.util.Set<String> fileExtensions() {
        return java.util.Set.of();
    }
}
