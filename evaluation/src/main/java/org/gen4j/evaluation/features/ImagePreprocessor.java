package org.gen4j.evaluation.features;

import ai.djl.ndarray.types.Shape;
import java.util.Objects;

/**
 * Brings gen4j images (pixels in [-1, 1], any size, 1 or 3 channels) to the input an {@link
 * InputContract} declares: a grey channel repeated to 3 where the network takes colour, the
 * resize, the value range, then the per-channel mean and std.
 */
final class ImagePreprocessor {

    private final InputContract contract;
    private final String owner;
    private final float[] scale;
    private final float[] shift;

    /**
     * @param contract what the network expects
     * @param owner what the network is, for messages
     */
    ImagePreprocessor(InputContract contract, String owner) {
        this.contract = Objects.requireNonNull(contract, "contract is null");
        this.owner = owner;
        int c = contract.channels();
        scale = new float[c];
        shift = new float[c];
        double half = (contract.rangeMax() - contract.rangeMin()) / 2;
        for (int k = 0; k < c; k++) {
            // lo + (v + 1) * half, then (that - mean) / std: one multiply-add per value.
            double std = contract.std()[k];
            scale[k] = (float) (half / std);
            shift[k] = (float) ((contract.rangeMin() + half - contract.mean()[k]) / std);
        }
    }

    /** Whether images of this shape can be brought to the input. */
    boolean accepts(Shape shape) {
        return shape.dimension() == 3 && channelsFit(shape.get(0))
                && (contract.resize() != InputContract.Resize.NONE
                        || (shape.get(1) == contract.height() && shape.get(2) == contract.width()));
    }

    private boolean channelsFit(long c) {
        return c == contract.channels() || (c == 1 && contract.channels() == 3);
    }

    /** What {@link #accepts} takes, in words. */
    String accepted() {
        String channels = contract.channels() == 3 ? "1 or 3 channels (grey is repeated)"
                : contract.channels() + " channel" + (contract.channels() == 1 ? "" : "s");
        String size = contract.resize() == InputContract.Resize.NONE
                ? contract.height() + " x " + contract.width() + " pixels (resize: none)"
                : "any size (resized " + contract.resize().key() + " to " + contract.height()
                        + " x " + contract.width() + ")";
        return "images of " + channels + " and " + size;
    }

    /**
     * The network's input for {@code n} images.
     *
     * @param images {@code n * C * H * W} pixels in [-1, 1]
     * @param shape one image's shape
     * @param n the number of images
     * @throws IllegalArgumentException if the shape is not accepted or the length does not match
     */
    float[] apply(float[] images, Shape shape, int n) {
        if (!accepts(shape)) {
            throw new IllegalArgumentException(owner + " takes " + accepted() + ", got images of"
                    + " shape " + shape);
        }
        int c = Math.toIntExact(shape.get(0));
        int h = Math.toIntExact(shape.get(1));
        int w = Math.toIntExact(shape.get(2));
        if (images.length != (long) n * c * h * w) {
            throw new IllegalArgumentException(owner + ": " + images.length + " values are not "
                    + n + " images of shape " + shape);
        }
        int oc = contract.channels();
        int oh = contract.height();
        int ow = contract.width();
        int inPlane = h * w;
        int outPlane = oh * ow;
        float[] out = new float[Math.multiplyExact(n, oc * outPlane)];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < oc; k++) {
                int src = (i * c + (c == 1 ? 0 : k)) * inPlane;
                int dst = (i * oc + k) * outPlane;
                if (h == oh && w == ow) {
                    System.arraycopy(images, src, out, dst, outPlane);
                } else if (contract.resize() == InputContract.Resize.BILINEAR) {
                    ImageResize.bilinear(images, src, h, w, out, dst, oh, ow);
                } else {
                    ImageResize.nearest(images, src, h, w, out, dst, oh, ow);
                }
                float a = scale[k];
                float b = shift[k];
                for (int j = dst; j < dst + outPlane; j++) {
                    out[j] = out[j] * a + b;
                }
            }
        }
        return out;
    }
}
