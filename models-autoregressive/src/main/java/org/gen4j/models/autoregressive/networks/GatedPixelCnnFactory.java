package org.gen4j.models.autoregressive.networks;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.gen4j.core.util.Options;
import org.gen4j.models.autoregressive.nn.GatedPixelCnn;

/**
 * {@value #NAME}: Gated PixelCNN ({@link GatedPixelCnn}), the vertical and horizontal stacks
 * with gated activations and no blind spot, conditional on the class when the spec asks.
 * Options: {@code channels} (default 32: each layer has {@code 2 x channels} gate maps and a full
 * 3x3 vertical kernel, so it costs about as much as a 64-channel PixelCNN block), {@code layers}
 * (8), {@code first-kernel} (7), {@code kernel} (3).
 */
public final class GatedPixelCnnFactory implements AutoregressiveNetworkFactory {

    /** The name. */
    public static final String NAME = "gated-pixelcnn";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Gated PixelCNN: vertical and horizontal stacks, gated activations, no blind spot,"
                + " optional class conditioning (options channels, layers, first-kernel, kernel)";
    }

    @Override
    public boolean conditional() {
        return true;
    }

    @Override
    public Block create(Options options, Shape sample, int outputsPerValue, int classes) {
        int channels = options.getInt("channels", 32, 1, 4096);
        int layers = options.getInt("layers", 8, 1, 64);
        int first = PixelCnnFactory.odd(options.getInt("first-kernel", 7, 1, 31),
                "first-kernel");
        int kernel = PixelCnnFactory.odd(options.getInt("kernel", 3, 1, 31), "kernel");
        options.checkAllUsed();
        int colours = Math.toIntExact(sample.get(0));
        PixelCnnFactory.checkColours(colours);
        return new GatedPixelCnn(colours, PixelCnnFactory.round(channels, colours), layers,
                first, kernel, outputsPerValue, classes);
    }
}
