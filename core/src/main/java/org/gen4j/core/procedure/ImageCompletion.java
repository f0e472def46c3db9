package org.gen4j.core.procedure;

import ai.djl.ndarray.NDArray;

/**
 * A procedure that completes images: it draws the chosen pixels given the pixels before them in
 * raster order, as an autoregressive model does (the bottom half of an image, or any region
 * below a row), keeping the others.
 */
public interface ImageCompletion {

    /**
     * Completes {@code request.count()} images.
     *
     * @param images the images, {@code (count, C, H, W)} in [-1, 1]; pixels to fill may hold
     *     anything
     * @param fill the pixels to draw, {@code H * W} flags indexed {@code r * W + c}
     * @param request the count, the random stream, the labels of a conditional model, progress
     * @return the completed images, {@code (count, C, H, W)}, in the context's manager
     * @throws IllegalArgumentException if the shapes do not match the model's
     */
    NDArray complete(SampleContext context, NDArray images, boolean[] fill,
            SampleRequest request);
}
