package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.gen4j.core.engine.EngineSetup;
import org.gen4j.core.engine.HostArrays;

/**
 * Kernel 4, stride 2, padding 1 as one convolution and depth-to-space: one algorithm of {@link
 * TransposedConvolution}.
 */
final class SubPixelDeconvolution {

    /**
     * Engine, device and type -> the selection matrix, made once in a manager that is never
     * closed (576 values), instead of copied from the JVM on every call.
     */
    private static final Map<String, NDArray> SELECTIONS = new ConcurrentHashMap<>();

    /** Engine, device, type and filter count -> the constant kernel of {@link #placed}. */
    private static final Map<String, NDArray> PLACEMENTS = new ConcurrentHashMap<>();

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
     * (128 to 64 on PyTorch: 44 against 35 ms). The stacked kernel is built by one matrix
     * product with a constant selection instead of 21 slices and concatenations per call (small
     * operators cost MXNet about 0.2 ms each), and padded with zero filters on MXNet (see {@link
     * #paddedFilters}): the DCGAN layer went from 26 to 5 ms per MXNet step, forward and backward.
     * One output channel takes {@link #placed} instead, with fewer multiply-adds still.
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
        long filters = 4 * outC;
        if (outC == 1) {
            return PhaseInterleave.toSpace(placed(input, weight), 2, 2);
        }
        // One matrix product places every kernel tap: (inC outC, 16) x (16, 36) gives each
        // (input, output) channel pair its four 3x3 phase kernels. Every column of the 0/1
        // selection has at most one 1, so the product and its gradient are exact.
        NDArray flat = TransposedConvolution.own(weight.reshape(inC * outC, 16), manager);
        NDArray placed = flat.matMul(selection(manager, weight.getDataType()));
        NDArray kernel = placed.reshape(inC, outC, 4, 3, 3).transpose(2, 1, 0, 3, 4)
                .reshape(filters, inC, 3, 3); // (4 outC, inC, 3, 3), phase-major
        long padded = paddedFilters(manager, filters);
        if (padded > filters) {
            kernel = kernel.concat(manager.zeros(new Shape(padded - filters, inC, 3, 3),
                    kernel.getDataType()), 0);
        }
        NDArray y = Conv2d.conv2d(input, kernel, null, new Shape(1, 1), new Shape(1, 1),
                new Shape(1, 1)).singletonOrThrow();
        if (padded > filters) {
            // Reshaped first: MXNet 1.9's slice of an MKL-DNN-blocked output dies of SIGFPE.
            y = y.reshape(n, padded, h * w).get(new NDIndex(":, :{}", filters))
                    .reshape(n, filters, h, w);
        }
        return PhaseInterleave.toSpace(y, 2, 2);
    }

    /**
     * One output channel: the four phases as {@code (N, 4, H, W)}, by a 1 x 1 convolution that
     * gives each of the 16 kernel taps its map {@code t[kh, kw] = sum_c w[c, 0, kh, kw] x[c]},
     * then a constant 3 x 3 convolution that adds, for each phase, the four tap maps it reads
     * at their offsets (the taps of {@link #selectionValues}). Per pixel that is {@code 16 C_in}
     * multiply-adds and {@code 16 x 4 x 9} more (16 x 16 x 9 with MXNet's padded filters),
     * against {@code 4 x 9 C_in} (16 x 9 C_in padded) in one convolution: on DCGAN's 64 to 1
     * layer at 14 x 14, batch 64, forward and backward took 9 ms against 19 on MXNet. The 0/1
     * kernel has at most one 1 for each tap and phase, so the sums and their gradients are exact.
     */
    private static NDArray placed(NDArray input, NDArray weight) {
        NDManager manager = input.getManager();
        Shape xs = input.getShape();
        long n = xs.get(0);
        long inC = xs.get(1);
        long h = xs.get(2);
        long w = xs.get(3);
        NDArray taps = TransposedConvolution.own(weight.reshape(inC, 16), manager)
                .transpose(1, 0).reshape(16, inC, 1, 1);
        NDArray maps = Conv2d.conv2d(input, taps, null, new Shape(1, 1), new Shape(0, 0),
                new Shape(1, 1)).singletonOrThrow();
        long padded = paddedFilters(manager, 4);
        NDArray y = Conv2d.conv2d(maps, placement(manager, weight.getDataType(), padded), null,
                new Shape(1, 1), new Shape(1, 1), new Shape(1, 1)).singletonOrThrow();
        if (padded > 4) {
            // Reshaped first: MXNet 1.9's slice of an MKL-DNN-blocked output dies of SIGFPE.
            y = y.reshape(n, padded, h * w).get(new NDIndex(":, :4")).reshape(n, 4, h, w);
        }
        return y;
    }

    /**
     * The filters the convolution runs with: on MXNet a multiple of 16. MKL-DNN serves fewer
     * output channels with its slow GEMM path (DCGAN's 64 to 1 layer, batch 64 on 14x14: 11 ms
     * forward for 4 filters, 3.3 for 16), and 8 filters with AVX2 kernels whose 8-channel
     * blocks send the next BatchNorm's backward to its reference kernel (47 ms); the extra
     * filters are zeros whose outputs are dropped.
     */
    static long paddedFilters(NDManager manager, long filters) {
        if (!EngineSetup.isMxnet(manager)) {
            return filters;
        }
        return (filters + 15) / 16 * 16;
    }

    /**
     * The 0/1 matrix {@code (16, 36)} that moves kernel tap {@code (kh, kw)} of a 4x4 kernel to
     * position {@code (r, c)} of the 3x3 kernel of phase {@code (a, b)}, column {@code (2a + b) 9
     * + 3r + c}: output row {@code 2i + a} reads kernel rows {@code (3, 1, -)} for {@code a = 0}
     * and {@code (-, 2, 0)} for {@code a = 1}, and the same for columns.
     */
    private static NDArray selection(NDManager manager, DataType type) {
        String key = manager.getEngine().getEngineName() + "/" + manager.getDevice() + "/" + type;
        return SELECTIONS.computeIfAbsent(key, k -> {
            NDManager owner = NDManager.newBaseManager(manager.getDevice(),
                    manager.getEngine().getEngineName());
            return HostArrays.create(owner,
                    selectionValues(), new Shape(16, 36)).toType(type, false);
        });
    }

    /**
     * The constant kernel {@code (filters, 16, 3, 3)} of {@link #placed}: filter {@code 2a + b}
     * (phase {@code (a, b)}) reads tap map {@code 4 kh + kw} at position {@code (r, c)} where
     * {@link #selectionValues} moves tap {@code (kh, kw)}; filters past the fourth are zero.
     */
    private static NDArray placement(NDManager manager, DataType type, long filters) {
        String key = manager.getEngine().getEngineName() + "/" + manager.getDevice() + "/" + type
                + "/" + filters;
        return PLACEMENTS.computeIfAbsent(key, k -> {
            float[] selection = selectionValues();
            float[] kernel = new float[Math.toIntExact(filters) * 16 * 9];
            for (int tap = 0; tap < 16; tap++) {
                for (int column = 0; column < 36; column++) {
                    if (selection[tap * 36 + column] != 0) {
                        int phase = column / 9;
                        kernel[(phase * 16 + tap) * 9 + column % 9] = 1f;
                    }
                }
            }
            NDManager owner = NDManager.newBaseManager(manager.getDevice(),
                    manager.getEngine().getEngineName());
            return HostArrays.create(owner, kernel, new Shape(filters, 16, 3, 3))
                    .toType(type, false);
        });
    }

    private static float[] selectionValues() {
        int[][] taps = {{3, 1, -1}, {-1, 2, 0}};
        float[] s = new float[16 * 36];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                for (int r = 0; r < 3; r++) {
                    for (int c = 0; c < 3; c++) {
                        int kh = taps[a][r];
                        int kw = taps[b][c];
                        if (kh >= 0 && kw >= 0) {
                            s[(kh * 4 + kw) * 36 + (2 * a + b) * 9 + 3 * r + c] = 1f;
                        }
                    }
                }
            }
        }
        return s;
    }
}
