package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * Kernel 4, stride 2, padding 1 as one convolution and depth-to-space: one algorithm of {@link
 * TransposedConvolution}.
 */
final class SubPixelDeconvolution {

    /** The system property that turns it off ({@code false}). */
    static final String PROPERTY = "gen4j.nn.subPixel";

    private SubPixelDeconvolution() {}

    static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY));
    }

    /**
     * Kernel 4, stride 2, padding 1 (the DCGAN and pix2pix up-sampling layer) as one stride-1
     * convolution followed by depth-to-space.
     *
     * <p>Output row {@code 2i + a} reads input rows {@code i - 1, i} through kernel rows 3, 1 when
     * {@code a = 0}, and input rows {@code i, i + 1} through kernel rows 2, 0 when {@code a = 1}: so
     * every output phase is a 3x3 window of the input padded by 1, with kernel rows {@code (3, 1,
     * -)} or {@code (-, 2, 0)} (- is zero), and the same for columns. Stacking the four phase
     * kernels gives one convolution with {@code 4 C_out} filters; its output, reshaped from
     * {@code (N, 2, 2, C_out, H, W)} to {@code (N, C_out, 2H, 2W)}, is the transposed convolution.
     * It does 9/4 of the multiply-adds of a direct transposed convolution, but as one well-shaped
     * convolution instead of four small ones and an interleave. Used for up to 8 output channels,
     * where that wins (DCGAN's 64 to 1 layer, forward and backward: 20 ms against 52 by phases on
     * MXNet, 6 against 21 on PyTorch); with many output channels the extra multiply-adds lose
     * (128 to 64 on PyTorch: 44 against 35 ms).
     */
    static NDArray apply(NDArray input, NDArray weight) {
        NDManager manager = input.getManager();
        Shape xs = input.getShape();
        long n = xs.get(0);
        long h = xs.get(2);
        long w = xs.get(3);
        Shape ws = weight.getShape();
        long inC = ws.get(0);
        long outC = ws.get(1);
        // (outC, inC, 4, 4), so that the stacked kernel is laid out as a convolution weight.
        NDArray wt = TransposedConvolution.own(weight.transpose(1, 0, 2, 3), manager);
        NDArray zeroRow = manager.zeros(new Shape(outC, inC, 1, 4), wt.getDataType());
        int[][] taps = {{3, 1, -1}, {-1, 2, 0}};
        NDList phases = new NDList(4);
        for (int a = 0; a < 2; a++) {
            NDList rows = new NDList(3);
            for (int tap : taps[a]) {
                rows.add(tap < 0 ? zeroRow : wt.get(":, :, " + tap + ":" + (tap + 1) + ", :"));
            }
            NDArray byRows = NDArrays.concat(rows, 2);
            NDArray zeroCol = manager.zeros(new Shape(outC, inC, 3, 1), wt.getDataType());
            for (int b = 0; b < 2; b++) {
                NDList cols = new NDList(3);
                for (int tap : taps[b]) {
                    cols.add(tap < 0 ? zeroCol : byRows.get(":, :, :, " + tap + ":" + (tap + 1)));
                }
                phases.add(NDArrays.concat(cols, 3));
            }
        }
        NDArray kernel = NDArrays.concat(phases, 0); // (4 outC, inC, 3, 3), phase-major
        NDArray y = Conv2d.conv2d(input, kernel, null, new Shape(1, 1), new Shape(1, 1),
                new Shape(1, 1)).singletonOrThrow();
        return y.reshape(n, 2, 2, outC, h, w)
                .transpose(0, 3, 4, 1, 5, 2)
                .reshape(n, outC, 2 * h, 2 * w);
    }
}
