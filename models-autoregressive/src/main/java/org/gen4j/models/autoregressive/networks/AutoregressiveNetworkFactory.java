package org.gen4j.models.autoregressive.networks;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.gen4j.core.spi.NamedFactory;
import org.gen4j.core.spi.PluginKind;
import org.gen4j.core.util.Options;

/**
 * Creates the network of an autoregressive image model: a block from images {@code (N, C, H, W)}
 * in [-1, 1] (and, for a conditional network, labels {@code (N)}) to {@code k} outputs per value,
 * {@code (N, k C, H, W)}, where the output at pixel {@code i} and channel {@code c} depends only on
 * the inputs before it in raster order (rows, then columns, then channels R, G, B). A plugin
 * kind of this module ({@code gen4j list autoregressive-networks}); the procedure {@code
 * autoregressive} trains any of them.
 */
public interface AutoregressiveNetworkFactory extends NamedFactory {

    /** The kind, declared by this module. */
    PluginKind<AutoregressiveNetworkFactory> KIND = PluginKind.of("autoregressive-network",
            "autoregressive-networks", AutoregressiveNetworkFactory.class);

    /**
     * Builds the network.
     *
     * @param options the model options; an unknown one is an error naming it
     * @param sample the shape of one image, {@code (C, H, W)}, {@code C} 1 or 3
     * @param outputsPerValue {@code k}: 1 for one logit per value, 256 for a softmax
     * @param classes the classes to condition on, or 0
     * @throws IllegalArgumentException if the network cannot take the classes or the shape
     */
    Block create(Options options, Shape sample, int outputsPerValue, int classes);

    /** Whether the network can be conditioned on a class. */
    default boolean conditional() {
        return false;
    }
}
