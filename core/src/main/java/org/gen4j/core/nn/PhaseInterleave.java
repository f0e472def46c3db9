package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;

/**
 * The interleave that {@link SubPixelDeconvolution} and {@link StackedPhaseDeconvolution} end
 * with: one convolution's phase-major outputs {@code (N, sH sW C, H, W)}, channel {@code (a sW +
 * b) C + c} holding output rows {@code sH i + a} and columns {@code sW j + b} of channel {@code
 * c}, placed as {@code (N, C, sH H, sW W)} by a reshape, a transpose and a reshape, which every
 * engine differentiates.
 *
 * <p>MXNet's {@code depth_to_space} has exactly this layout (block rows, block columns, then
 * channels) and was measured in its place on the WGAN-GP iteration (vjp route, MXNet's
 * profiler): the reshapes, transposes and their backwards took 165 ms an iteration before and,
 * with {@code depth_to_space} and its backward {@code space_to_depth} (107 ms of it), 174 after;
 * the time only moved into the operator, which also has to reorder the convolution's
 * MKL-DNN-blocked output. The iteration was no faster (1,362 and 1,435 ms without it, 1,547 and
 * 1,480 with it, alternated), so the transpose stays. libtorch's {@code pixel_shuffle} orders the channels the other way round.
 */
final class PhaseInterleave {

    private PhaseInterleave() {}

    /**
     * Places phase-major outputs.
     *
     * @param phases {@code (N, sH sW C, H, W)}, phase {@code (a, b)} in channels {@code [(a sW +
     *     b) C, (a sW + b + 1) C)}
     * @param sH the phases along the height
     * @param sW the phases along the width
     * @return {@code (N, C, sH H, sW W)}, in the input's manager
     */
    static NDArray toSpace(NDArray phases, int sH, int sW) {
        if (sH == 1 && sW == 1) {
            return phases;
        }
        long n = phases.getShape().get(0);
        long c = phases.getShape().get(1) / ((long) sH * sW);
        long h = phases.getShape().get(2);
        long w = phases.getShape().get(3);
        return phases.reshape(n, sH, sW, c, h, w)
                .transpose(0, 3, 4, 1, 5, 2)
                .reshape(n, c, sH * h, sW * w);
    }
}
