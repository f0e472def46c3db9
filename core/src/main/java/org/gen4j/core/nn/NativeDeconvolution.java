package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import org.gen4j.core.engine.EngineSetup;

/**
 * MXNet's own deconvolution operator, where it is safe and exact: one algorithm of {@link
 * TransposedConvolution}.
 */
final class NativeDeconvolution {

    /** The system property that turns it off ({@code false}). */
    static final String PROPERTY = "gen4j.nn.nativeDeconvolution";

    /** How many {@link TransposedConvolution#phasesOnly()} scopes are open on this thread. */
    static final ThreadLocal<int[]> SUPPRESSED = ThreadLocal.withInitial(() -> new int[1]);

    private NativeDeconvolution() {}

    /**
     * Whether to call MXNet's own deconvolution operator: on MXNet unless the system property
     * {@value #PROPERTY} is {@code false} or a {@link TransposedConvolution#phasesOnly()} scope
     * is open on this thread, and only for more than one output channel with
     * kernel >= stride and padding < kernel. MXNet 1.9's MKL-DNN deconvolution backward fails for
     * one output channel (ENGINES.md), and crashes the process (SIGSEGV) when the weight is a
     * computed array, so a one-channel layer cannot be padded to two channels either: those
     * layers, and the unusual geometries, take the exact phase decomposition. It is about twice as
     * fast there as the phase
     * decomposition (measured on the DCGAN layers: 128 to 64 channels 7x7 to 14x14, forward and
     * backward, 72 ms by phases against the 31 ms of a convolution with the same multiply-adds).
     */
    static boolean applies(NDManager manager) {
        return EngineSetup.isMxnet(manager)
                && !"false".equalsIgnoreCase(System.getProperty(PROPERTY))
                && SUPPRESSED.get()[0] == 0;
    }

    /**
     * MXNet's {@code _npx_deconvolution}, called with its own parameters (DJL's
     * {@code Conv2dTranspose} gets the filter count wrong when in != out channels). A grouped
     * deconvolution would serve one output channel without the MKL-DNN bug, but measured no
     * faster than the phase decomposition (48 against 52 ms on the DCGAN 64 to 1 layer).
     */
    static NDArray apply(NDArray input, NDArray weight, NDArray bias,
            int kH, int kW, int sH, int sW, int pH, int pW, long opH, long opW, long outC) {
        ai.djl.util.PairList<String, Object> params = new ai.djl.util.PairList<>();
        params.add("kernel", "(" + kH + ", " + kW + ")");
        params.add("stride", "(" + sH + ", " + sW + ")");
        params.add("pad", "(" + pH + ", " + pW + ")");
        params.add("adj", "(" + opH + ", " + opW + ")");
        params.add("num_filter", Long.toString(outC));
        params.add("no_bias", bias == null ? "True" : "False");
        NDList in = bias == null ? new NDList(input, weight) : new NDList(input, weight, bias);
        return input.getManager().invoke("_npx_deconvolution", in, params).singletonOrThrow();
    }
}
