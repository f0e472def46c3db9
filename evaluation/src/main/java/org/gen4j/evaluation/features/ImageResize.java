package org.gen4j.evaluation.features;

/**
 * Resizing of one image plane as {@code torch.nn.functional.interpolate} does it on the CPU in
 * float32, so that a network scored through gen4j sees the very input its authors' Python code
 * gives it (pytorch-fid resizes to 299 x 299 bilinearly with {@code align_corners=False}).
 *
 * <ul>
 *   <li>bilinear: the source coordinate of output index {@code i} is {@code (i + 0.5) * in / out -
 *       0.5}, clamped at 0; the two neighbours are weighted by the distance, the upper one clamped
 *       to the last row or column. No antialiasing, also when shrinking, as PyTorch's default.
 *   <li>nearest: the source index is {@code floor(i * in / out)} in float32, at most {@code in -
 *       1} (PyTorch's legacy {@code 'nearest'}).
 * </ul>
 */
final class ImageResize {

    private ImageResize() {}

    /**
     * Resizes a plane bilinearly.
     *
     * @param src {@code inH * inW} values, row-major, from {@code srcOffset}
     * @param dst receives {@code outH * outW} values from {@code dstOffset}
     */
    static void bilinear(float[] src, int srcOffset, int inH, int inW, float[] dst,
            int dstOffset, int outH, int outW) {
        int[] y0 = new int[outH];
        int[] y1 = new int[outH];
        float[] wy = new float[outH];
        sourceIndexes(inH, outH, y0, y1, wy);
        int[] x0 = new int[outW];
        int[] x1 = new int[outW];
        float[] wx = new float[outW];
        sourceIndexes(inW, outW, x0, x1, wx);
        for (int i = 0; i < outH; i++) {
            int r0 = srcOffset + y0[i] * inW;
            int r1 = srcOffset + y1[i] * inW;
            float b = wy[i];
            float a = 1 - b;
            int o = dstOffset + i * outW;
            for (int j = 0; j < outW; j++) {
                float d = wx[j];
                float c = 1 - d;
                dst[o + j] = a * (c * src[r0 + x0[j]] + d * src[r0 + x1[j]])
                        + b * (c * src[r1 + x0[j]] + d * src[r1 + x1[j]]);
            }
        }
    }

    private static void sourceIndexes(int in, int out, int[] lo, int[] hi, float[] weight) {
        float scale = (float) in / out;
        for (int i = 0; i < out; i++) {
            float s = scale * (i + 0.5f) - 0.5f;
            if (s < 0) {
                s = 0;
            }
            int l = (int) s;
            lo[i] = l;
            hi[i] = l < in - 1 ? l + 1 : l;
            weight[i] = s - l;
        }
    }

    /**
     * Resizes a plane to its nearest neighbours.
     *
     * @param src {@code inH * inW} values, row-major, from {@code srcOffset}
     * @param dst receives {@code outH * outW} values from {@code dstOffset}
     */
    static void nearest(float[] src, int srcOffset, int inH, int inW, float[] dst,
            int dstOffset, int outH, int outW) {
        int[] ys = nearestIndexes(inH, outH);
        int[] xs = nearestIndexes(inW, outW);
        for (int i = 0; i < outH; i++) {
            int r = srcOffset + ys[i] * inW;
            int o = dstOffset + i * outW;
            for (int j = 0; j < outW; j++) {
                dst[o + j] = src[r + xs[j]];
            }
        }
    }

    private static int[] nearestIndexes(int in, int out) {
        int[] idx = new int[out];
        float scale = (float) in / out;
        for (int i = 0; i < out; i++) {
            idx[i] = out == in ? i : Math.min((int) Math.floor(i * scale), in - 1);
        }
        return idx;
    }
}
