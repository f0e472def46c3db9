package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.gen4j.core.engine.HostArrays;

/**
 * Every output phase in one convolution, then an interleave and a crop: one algorithm of {@link
 * TransposedConvolution}, for a kernel that is a multiple of the stride along both axes.
 *
 * <p>With kernel {@code k = T s}, the full transposed convolution (no padding) has {@code (H - 1)
 * s + k} rows, and its row {@code t = s q + r} ({@code 0 <= r < s}) is {@code sum_m w[r + s m]
 * x[q - m]}: a correlation of the input, padded by {@code T - 1} zero rows on both sides, with
 * the flipped sub-kernel {@code w[r::s]}, at {@code q} in {@code [0, H + T - 1)}. So the {@code
 * s^2} phase kernels stacked as {@code s^2 C_out} filters of {@code T x T} give every phase of the
 * full output in one stride-1 convolution with padding {@code T - 1}; reshaped from {@code (N, s,
 * s, C_out, H + T - 1, W + T - 1)} to {@code (N, C_out, s (H + T - 1), s (W + T - 1))} it is the
 * full output, and the padded output is its rows {@code [p, p + H_out)}, which exist when the
 * output padding is at most the padding. It does {@code ((H + T - 1) / H)^2} of the direct
 * multiply-adds (1.31 at 7x7, 1.15 at 14x14), against the 9/4 of {@link SubPixelDeconvolution},
 * and takes 8 operators where {@link PhaseDeconvolution} takes about 25 (4 kernel slices, 4 flips,
 * 4 input windows, 4 convolutions, 2 paddings, 3 stacks, their reshapes): on MXNet each small
 * operator and its backward cost 0.2 to 1 ms, which is what the WGAN-GP critic's input gradient
 * spent in them.
 */
final class StackedPhaseDeconvolution {

    /** The system property that turns it off ({@code false}). */
    static final String PROPERTY = "gen4j.nn.stackedPhases";

    /** Engine, device, type, kernel and stride -> the tap permutation, made once, never closed. */
    private static final Map<String, NDArray> PERMUTATIONS = new ConcurrentHashMap<>();

    private StackedPhaseDeconvolution() {}

    /**
     * Whether it serves these settings: enabled (system property {@value #PROPERTY} not {@code
     * false}), each kernel size a multiple of its stride, and each output padding at most its
     * padding.
     */
    static boolean applies(int kH, int kW, int sH, int sW, int pH, int pW, long opH, long opW) {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY))
                && kH % sH == 0 && kW % sW == 0 && opH <= pH && opW <= pW;
    }

    static NDArray apply(
            NDArray input, NDArray weight, int sH, int sW, int pH, int pW, long outH, long outW) {
        NDManager manager = input.getManager();
        Shape xs = input.getShape();
        long n = xs.get(0);
        long h = xs.get(2);
        long w = xs.get(3);
        Shape ws = weight.getShape();
        long inC = ws.get(0);
        long outC = ws.get(1);
        int kH = Math.toIntExact(ws.get(2));
        int kW = Math.toIntExact(ws.get(3));
        int tH = kH / sH;
        int tW = kW / sW;
        long filters = (long) sH * sW * outC;
        // One product with a 0/1 permutation moves tap (kh, kw) to its phase and flipped
        // position: (inC outC, kH kW) x (kH kW, kH kW) -> (inC, outC, sH sW, tH, tW).
        NDArray flat = TransposedConvolution.own(weight.reshape(inC * outC, (long) kH * kW),
                manager);
        NDArray placed = flat.matMul(permutation(manager, weight.getDataType(), kH, kW, sH, sW));
        NDArray kernel = placed.reshape(inC, outC, (long) sH * sW, tH, tW)
                .transpose(2, 1, 0, 3, 4)
                .reshape(filters, inC, tH, tW); // (sH sW outC, inC, tH, tW), phase-major
        long padded = SubPixelDeconvolution.paddedFilters(manager, filters);
        if (padded > filters) {
            kernel = kernel.concat(manager.zeros(new Shape(padded - filters, inC, tH, tW),
                    kernel.getDataType()), 0);
        }
        long qH = h + tH - 1;
        long qW = w + tW - 1;
        NDArray y = Conv2d.conv2d(input, kernel, null, new Shape(1, 1),
                new Shape(tH - 1, tW - 1), new Shape(1, 1)).singletonOrThrow();
        if (padded > filters) {
            // Reshaped first: MXNet 1.9's slice of an MKL-DNN-blocked output dies of SIGFPE.
            y = y.reshape(n, padded, qH * qW).get(new NDIndex(":, :{}", filters))
                    .reshape(n, filters, qH, qW);
        }
        NDArray full = PhaseInterleave.toSpace(y, sH, sW);
        if (pH == 0 && pW == 0 && outH == sH * qH && outW == sW * qW) {
            return full;
        }
        return full.get(new NDIndex(":, :, {}:{}, {}:{}", pH, pH + outH, pW, pW + outW));
    }

    /**
     * The multiply-adds of the forward pass, for tests and benchmarks (the zero filters MXNet's
     * padding adds not counted).
     */
    static long multiplyAdds(Shape inputShape, Shape weightShape, Shape stride) {
        long tH = weightShape.get(2) / stride.get(0);
        long tW = weightShape.get(3) / stride.get(1);
        return inputShape.get(0) * weightShape.get(0) * weightShape.get(1)
                * stride.get(0) * stride.get(1) * (inputShape.get(2) + tH - 1)
                * (inputShape.get(3) + tW - 1) * tH * tW;
    }

    /**
     * The 0/1 matrix {@code (kH kW, kH kW)} that moves tap {@code (kh, kw)}, with {@code kh =
     * s m + r}, to column {@code ((r_h sW + r_w) tH + (tH - 1 - m_h)) tW + (tW - 1 - m_w)}: phase
     * {@code (r_h, r_w)}, flipped position. Each row and column has one 1, so the product and its
     * gradient are exact.
     */
    private static NDArray permutation(
            NDManager manager, DataType type, int kH, int kW, int sH, int sW) {
        String key = manager.getEngine().getEngineName() + "/" + manager.getDevice() + "/" + type
                + "/" + kH + "x" + kW + "/" + sH + "x" + sW;
        return PERMUTATIONS.computeIfAbsent(key, k -> {
            NDManager owner = NDManager.newBaseManager(manager.getDevice(),
                    manager.getEngine().getEngineName());
            int taps = kH * kW;
            return HostArrays.create(owner, permutationValues(kH, kW, sH, sW),
                    new Shape(taps, taps)).toType(type, false);
        });
    }

    static float[] permutationValues(int kH, int kW, int sH, int sW) {
        int tH = kH / sH;
        int tW = kW / sW;
        int taps = kH * kW;
        float[] p = new float[taps * taps];
        for (int kh = 0; kh < kH; kh++) {
            for (int kw = 0; kw < kW; kw++) {
                int rH = kh % sH;
                int mH = kh / sH;
                int rW = kw % sW;
                int mW = kw / sW;
                int column = ((rH * sW + rW) * tH + (tH - 1 - mH)) * tW + (tW - 1 - mW);
                p[(kh * kW + kw) * taps + column] = 1f;
            }
        }
        return p;
    }
}
