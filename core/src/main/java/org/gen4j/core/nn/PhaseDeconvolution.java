package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * The phase (sub-pixel) decomposition, exact for any kernel, stride and padding on every engine:
 * one algorithm of {@link TransposedConvolution}, described in {@link TransposedConv2d}.
 */
final class PhaseDeconvolution {

    private PhaseDeconvolution() {}

    /** The phase (sub-pixel) decomposition: one stride-1 convolution per output phase. */
    static NDArray apply(
            NDArray input, NDArray weight, int sH, int sW, int pH, int pW, long outH, long outW) {
        NDManager manager = input.getManager();
        Shape xs = input.getShape();
        Shape ws = weight.getShape();
        long n = xs.get(0);
        long outC = ws.get(1);
        int kH = Math.toIntExact(ws.get(2));
        int kW = Math.toIntExact(ws.get(3));
        // Every phase yields ceil(out / s) rows (columns); the surplus is cropped at the end.
        long rowsH = (outH + sH - 1) / sH;
        long rowsW = (outW + sW - 1) / sW;
        AxisPhase[] rowPlans = AxisPhase.planAll(xs.get(2), kH, sH, pH, rowsH);
        AxisPhase[] colPlans = AxisPhase.planAll(xs.get(3), kW, sW, pW, rowsW);
        NDArray padded =
                padWithZeros(
                        input,
                        AxisPhase.maxBefore(rowPlans),
                        AxisPhase.maxAfter(rowPlans),
                        AxisPhase.maxBefore(colPlans),
                        AxisPhase.maxAfter(colPlans));
        // (C_out, C_in, kH, kW): the layout Conv2d wants, in the input's manager.
        NDArray wt = TransposedConvolution.own(weight.transpose(1, 0, 2, 3), manager);

        NDList phaseRows = new NDList(sH);
        for (AxisPhase rows : rowPlans) {
            NDList phaseCols = new NDList(sW);
            for (AxisPhase cols : colPlans) {
                if (rows.isEmpty() || cols.isEmpty()) {
                    phaseCols.add(
                            manager.zeros(
                                    new Shape(n, outC, rowsH, rowsW),
                                    input.getDataType(),
                                    input.getDevice()));
                } else {
                    phaseCols.add(phase(padded, wt, rows, cols, sH, sW));
                }
            }
            phaseRows.add(interleave(phaseCols, 4));
        }
        NDArray y = interleave(phaseRows, 3);
        if (y.getShape().get(2) != outH || y.getShape().get(3) != outW) {
            y = y.get(new NDIndex(":, :, :{}, :{}", outH, outW));
        }
        return y;
    }

    /**
     * The multiply-adds the forward pass spends in convolutions and matrix products, for tests
     * and benchmarks.
     */
    static long multiplyAdds(
            Shape inputShape, Shape weightShape, Shape stride, Shape padding, Shape outputPadding) {
        long n = inputShape.get(0);
        long h = inputShape.get(2);
        long w = inputShape.get(3);
        long inC = weightShape.get(0);
        long outC = weightShape.get(1);
        int kH = Math.toIntExact(weightShape.get(2));
        int kW = Math.toIntExact(weightShape.get(3));
        int sH = Math.toIntExact(stride.get(0));
        int sW = Math.toIntExact(stride.get(1));
        int pH = Math.toIntExact(padding.get(0));
        int pW = Math.toIntExact(padding.get(1));
        if (h == 1 && w == 1) {
            return n * inC * outC * kH * kW;
        }
        long outH = TransposedConvolution.outputSize("height", h, kH, sH, pH, outputPadding.get(0));
        long outW = TransposedConvolution.outputSize("width", w, kW, sW, pW, outputPadding.get(1));
        long rowsH = (outH + sH - 1) / sH;
        long rowsW = (outW + sW - 1) / sW;
        long perPair = 0;
        for (AxisPhase rows : AxisPhase.planAll(h, kH, sH, pH, rowsH)) {
            for (AxisPhase cols : AxisPhase.planAll(w, kW, sW, pW, rowsW)) {
                if (!rows.isEmpty() && !cols.isEmpty()) {
                    perPair += rowsH * rows.taps * rowsW * cols.taps;
                }
            }
        }
        return n * inC * outC * perPair;
    }

    /** Adds zero rows above and below and zero columns left and right of {@code x}. */
    private static NDArray padWithZeros(NDArray x, long top, long bottom, long left, long right) {
        NDArray out = x;
        if (left > 0 || right > 0) {
            out = concatZeros(out, 3, left, right);
        }
        if (top > 0 || bottom > 0) {
            out = concatZeros(out, 2, top, bottom);
        }
        return out;
    }

    private static NDArray concatZeros(NDArray x, int axis, long before, long after) {
        NDManager manager = x.getManager();
        NDList parts = new NDList(3);
        // Shape.getShape() returns its own array: copy it before changing a dimension.
        long[] dims = x.getShape().getShape().clone();
        if (before > 0) {
            dims[axis] = before;
            parts.add(manager.zeros(new Shape(dims), x.getDataType(), x.getDevice()));
        }
        parts.add(x);
        if (after > 0) {
            dims[axis] = after;
            parts.add(manager.zeros(new Shape(dims), x.getDataType(), x.getDevice()));
        }
        // The first part may be the zeros: both live in x's manager.
        return NDArrays.concat(parts, axis);
    }

    /**
     * One output phase: an unpadded stride-1 convolution of the window of the zero-padded input
     * that this phase reads, with the flipped sub-kernel. It yields exactly the phase's rows.
     */
    private static NDArray phase(
            NDArray padded, NDArray wt, AxisPhase rows, AxisPhase cols, int sH, int sW) {
        NDArray kernel = wt;
        if (sH > 1 || sW > 1) {
            kernel = wt.get(new NDIndex(":, :, {}::{}, {}::{}", rows.tap, sH, cols.tap, sW));
        }
        if (rows.taps > 1 || cols.taps > 1) {
            kernel = kernel.flip(2, 3);
        }
        Shape ps = padded.getShape();
        NDArray x = padded;
        if (rows.start > 0 || rows.end < ps.get(2) || cols.start > 0 || cols.end < ps.get(3)) {
            x =
                    padded.get(
                            new NDIndex(
                                    ":, :, {}:{}, {}:{}",
                                    rows.start,
                                    rows.end,
                                    cols.start,
                                    cols.end));
        }
        return Conv2d.conv2d(x, kernel, null, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1))
                .singletonOrThrow();
    }

    /**
     * Interleaves equally shaped phases {@code (N, C, A, B)} along height ({@code axis} 3) or
     * width ({@code axis} 4): stack on a new axis after the interleaved one, then merge the two.
     */
    private static NDArray interleave(NDList phases, int axis) {
        if (phases.size() == 1) {
            return phases.head();
        }
        NDArray stacked = NDArrays.stack(phases, axis);
        Shape s = stacked.getShape();
        if (axis == 4) {
            return stacked.reshape(s.get(0), s.get(1), s.get(2), s.get(3) * s.get(4));
        }
        return stacked.reshape(s.get(0), s.get(1), s.get(2) * s.get(3), s.get(4));
    }

    /**
     * How one output phase is computed along one axis.
     *
     * <p>Output index {@code Y = s * j + ph} is full-output index {@code t = Y + p}, which gets the
     * taps {@code a = r + s * m} with {@code r = (ph + p) mod s}, from input index {@code i = q -
     * m} where {@code q = j + d}, {@code d = (ph + p) div s}. So phase {@code ph} is the full
     * stride-1 transposed convolution of the input with the sub-kernel {@code w[r::s]} ({@code
     * taps} long), read from index {@code d} on: a correlation with the flipped sub-kernel over
     * input rows {@code [d - taps + 1, d + rows)}, where rows outside the input are zeros. The
     * window is cut from the input padded with {@code before} zero rows on top, so that the
     * convolution computes exactly {@code rows} outputs, each with {@code taps} multiply-adds.
     */
    private static final class AxisPhase {
        final int tap;
        final int taps;
        /** Zero rows this phase needs before the first input row. */
        final long before;
        /** Zero rows this phase needs after the last input row. */
        final long after;
        /** First row of the window, in the coordinates of the padded input. */
        long start;
        /** End (exclusive) of the window, in the coordinates of the padded input. */
        long end;
        private final long cropStart;
        private final long cropEnd;

        private AxisPhase(
                int tap, int taps, long cropStart, long cropEnd, long before, long after) {
            this.tap = tap;
            this.taps = taps;
            this.cropStart = cropStart;
            this.cropEnd = cropEnd;
            this.before = before;
            this.after = after;
        }

        boolean isEmpty() {
            return taps == 0;
        }

        static AxisPhase[] planAll(long in, int k, int s, int p, long rows) {
            AxisPhase[] plans = new AxisPhase[s];
            for (int ph = 0; ph < s; ph++) {
                plans[ph] = plan(in, k, s, p, rows, ph);
            }
            long top = maxBefore(plans);
            for (AxisPhase plan : plans) {
                plan.start = top + plan.cropStart - plan.before;
                plan.end = top + plan.cropEnd + plan.after;
            }
            return plans;
        }

        static long maxBefore(AxisPhase[] plans) {
            long max = 0;
            for (AxisPhase plan : plans) {
                max = Math.max(max, plan.before);
            }
            return max;
        }

        static long maxAfter(AxisPhase[] plans) {
            long max = 0;
            for (AxisPhase plan : plans) {
                max = Math.max(max, plan.after);
            }
            return max;
        }

        private static AxisPhase plan(long in, int k, int s, int p, long rows, int ph) {
            int r = (ph + p) % s;
            long d = (ph + p) / s;
            int taps = r < k ? (k - r + s - 1) / s : 0;
            if (taps == 0 || d >= in + taps - 1) {
                // No tap lands here, or the window lies past the full output: bias only.
                return new AxisPhase(r, 0, 0, 0, 0, 0);
            }
            long lo = d;
            long hi = d + rows;
            // Full index q reads input rows q - taps + 1 .. q.
            long cropStart = Math.max(0, lo - (taps - 1));
            long cropEnd = Math.min(in, hi);
            long before = Math.max(0, (taps - 1) - (lo - cropStart));
            long after = Math.max(0, hi - cropEnd);
            return new AxisPhase(r, taps, cropStart, cropEnd, before, after);
        }
    }
}
