package org.gen4j.models.autoregressive.networks;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.gen4j.core.util.Options;
import org.gen4j.models.autoregressive.nn.PixelRnn;

/**
 * The two PixelRNNs (van den Oord et al., "Pixel Recurrent Neural Networks", 2016), {@value
 * #ROW_LSTM} and {@value #DIAGONAL_BILSTM} ({@link PixelRnn}): a {@code first-kernel} mask-A
 * convolution to {@code channels} maps, {@code layers} LSTM layers, each with a residual
 * connection, then 1x1 mask-B output layers. Defaults: 32 channels, 2 layers, first kernel 7; the Row LSTM's
 * input-to-state width {@code kernel} is 3.
 */
public final class PixelRnnFactory implements AutoregressiveNetworkFactory {

    /** The Row LSTM. */
    public static final String ROW_LSTM = "pixelrnn-row-lstm";
    /** The Diagonal BiLSTM. */
    public static final String DIAGONAL_BILSTM = "pixelrnn-diagonal-bilstm";

    private final boolean diagonal;

    private PixelRnnFactory(boolean diagonal) {
        this.diagonal = diagonal;
    }

    /** The Row LSTM's factory. */
    public static PixelRnnFactory rowLstm() {
        return new PixelRnnFactory(false);
    }

    /** The Diagonal BiLSTM's factory. */
    public static PixelRnnFactory diagonalBiLstm() {
        return new PixelRnnFactory(true);
    }

    @Override
    public String name() {
        return diagonal ? DIAGONAL_BILSTM : ROW_LSTM;
    }

    @Override
    public String description() {
        return diagonal
                ? "PixelRNN Diagonal BiLSTM: skewed maps, a diagonal LSTM in each direction, no"
                        + " blind spot (options channels, layers, first-kernel)"
                : "PixelRNN Row LSTM: rows top to bottom, a masked 1 x k input-to-state and a"
                        + " width-3 state-to-state convolution (options channels, layers,"
                        + " first-kernel, kernel)";
    }

    @Override
    public Block create(Options options, Shape sample, int outputsPerValue, int classes) {
        if (classes > 0) {
            throw new IllegalArgumentException(name() + " is not conditional; the conditional"
                    + " model is gated-pixelcnn");
        }
        int channels = options.getInt("channels", 32, 1, 4096);
        int layers = options.getInt("layers", 2, 1, 64);
        int first = PixelCnnFactory.odd(options.getInt("first-kernel", 7, 1, 31),
                "first-kernel");
        int kernel = diagonal ? 1 : PixelCnnFactory.odd(options.getInt("kernel", 3, 1, 31),
                "kernel");
        options.checkAllUsed();
        int colours = Math.toIntExact(sample.get(0));
        PixelCnnFactory.checkColours(colours);
        return new PixelRnn(colours, PixelCnnFactory.round(channels, colours), layers, first,
                diagonal, kernel, outputsPerValue);
    }
}
