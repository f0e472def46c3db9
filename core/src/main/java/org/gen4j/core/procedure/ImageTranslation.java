package org.gen4j.core.procedure;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.gen4j.core.random.RandomStream;

/**
 * A procedure that turns images into other images: an edge map into an item (pix2pix), a small
 * image into a large one (super-resolution), an image of one domain into another (CycleGAN,
 * StarGAN). {@code gen4j translate} and {@code gen4j upscale} use it.
 */
public interface ImageTranslation {

    /** The shape of one input image {@code (C, H, W)}. */
    Shape inputShape();

    /** The shape of one output image. */
    Shape outputShape();

    /**
     * The domains images can be translated to, by name ({@code A} and {@code B} for CycleGAN,
     * the class names for StarGAN); empty when there is one way only.
     */
    default List<String> domains() {
        return List.of();
    }

    /**
     * Translates images in inference mode.
     *
     * @param images {@code (N, inputShape...)} in [-1, 1]
     * @param to the target domain, one of {@link #domains()}, or null for the procedure's
     *     default (the one way, or the second domain)
     * @param noise the stream of a network's noise (pix2pix's dropout), so that a seed gives
     *     the same output
     * @return {@code (N, outputShape...)} in [-1, 1], in the context's manager
     * @throws IllegalArgumentException if the images' shape or the domain does not fit, naming
     *     what does
     */
    NDArray translate(SampleContext context, NDArray images, String to, RandomStream noise);
}
