package org.gen4j.applications.pix2pix;

import ai.djl.ndarray.types.Shape;
import org.gen4j.core.data.DatasetFactory;
import org.gen4j.core.data.DerivedPairSet;
import org.gen4j.core.data.FashionMnist;
import org.gen4j.core.data.IdxDataset;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.util.Options;

/**
 * The {@value #NAME} data set: pix2pix's edges-to-items task derived from Fashion-MNIST. Each
 * item's input is its edge map: the Sobel gradient magnitude of the item (pixels in [0, 1]),
 * white (1) where it exceeds {@code threshold} (default 0.5) and black (-1) elsewhere; the
 * target is the item. Options: {@code threshold}, and {@code source}, {@code split} and {@code
 * path} of {@link FashionMnist#fromOptions}.
 */
final class FashionEdges implements DatasetFactory {

    static final String NAME = "fashion-edges";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Fashion-MNIST items paired with their Sobel edge maps (edges -> items, for"
                + " pix2pix); options threshold, source, split, path";
    }

    @Override
    public SampleSet load(Options options, long seed) {
        double threshold = options.getDouble("threshold", 0.5, 0, 4);
        IdxDataset items = FashionMnist.fromOptions(options);
        options.checkAllUsed();
        Shape shape = items.sampleShape();
        int h = Math.toIntExact(shape.get(1));
        int w = Math.toIntExact(shape.get(2));
        return new DerivedPairSet(items, (image, dst, offset) -> edges(image, h, w, threshold,
                dst, offset), new Shape(1, h, w), NAME + " (" + items.description()
                + ", Sobel threshold " + threshold + ")");
    }

    /** The edge map of a grey image in [-1, 1]: 1 where the Sobel magnitude exceeds t, else -1. */
    static void edges(float[] image, int h, int w, double t, float[] dst, int offset) {
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double gx = at(image, h, w, r - 1, c + 1) + 2 * at(image, h, w, r, c + 1)
                        + at(image, h, w, r + 1, c + 1) - at(image, h, w, r - 1, c - 1)
                        - 2 * at(image, h, w, r, c - 1) - at(image, h, w, r + 1, c - 1);
                double gy = at(image, h, w, r + 1, c - 1) + 2 * at(image, h, w, r + 1, c)
                        + at(image, h, w, r + 1, c + 1) - at(image, h, w, r - 1, c - 1)
                        - 2 * at(image, h, w, r - 1, c) - at(image, h, w, r - 1, c + 1);
                dst[offset + r * w + c] = Math.sqrt(gx * gx + gy * gy) > t ? 1f : -1f;
            }
        }
    }

    /** A pixel in [0, 1], the border repeated outside the image. */
    private static double at(float[] image, int h, int w, int r, int c) {
        int rr = Math.min(h - 1, Math.max(0, r));
        int cc = Math.min(w - 1, Math.max(0, c));
        return (image[rr * w + cc] + 1) / 2;
    }
}
