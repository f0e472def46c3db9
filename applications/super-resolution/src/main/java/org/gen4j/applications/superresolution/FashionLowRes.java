package org.gen4j.applications.superresolution;

import ai.djl.ndarray.types.Shape;
import java.util.Set;
import org.gen4j.core.data.DatasetFactory;
import org.gen4j.core.data.DerivedPairSet;
import org.gen4j.core.data.FashionMnist;
import org.gen4j.core.data.IdxDataset;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.util.Options;

/**
 * The {@value #NAME} data set: super-resolution pairs derived from Fashion-MNIST. Each item's
 * input is the item downsampled by {@code scale} (2 or 4, default 4) with area averaging, the
 * mean of each {@code scale x scale} block of pixels (28x28 to 14x14 or 7x7); the target is the
 * item. Options: {@code scale}, and {@code source}, {@code split} and {@code path} of {@link
 * FashionMnist#fromOptions}.
 */
final class FashionLowRes implements DatasetFactory {

    static final String NAME = "fashion-lowres";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Fashion-MNIST items paired with their x2 or x4 area-downsampled copies (for"
                + " super-resolution); options scale, source, split, path";
    }

    @Override
    public SampleSet load(Options options, long seed) {
        int scale = Integer.parseInt(options.getChoice("scale", "4", Set.of("2", "4")));
        IdxDataset items = FashionMnist.fromOptions(options);
        options.checkAllUsed();
        Shape shape = items.sampleShape();
        int c = Math.toIntExact(shape.get(0));
        int h = Math.toIntExact(shape.get(1));
        int w = Math.toIntExact(shape.get(2));
        return new DerivedPairSet(items, (image, dst, offset) -> downsample(image, c, h, w, scale,
                dst, offset), new Shape(c, h / scale, w / scale), NAME + " x" + scale + " ("
                + items.description() + ")");
    }

    /** The mean of every {@code s x s} block of each channel. */
    static void downsample(float[] image, int c, int h, int w, int s, float[] dst, int offset) {
        int oh = h / s;
        int ow = w / s;
        for (int ch = 0; ch < c; ch++) {
            for (int r = 0; r < oh; r++) {
                for (int q = 0; q < ow; q++) {
                    double sum = 0;
                    for (int i = 0; i < s; i++) {
                        for (int j = 0; j < s; j++) {
                            sum += image[(ch * h + r * s + i) * w + q * s + j];
                        }
                    }
                    dst[offset + (ch * oh + r) * ow + q] = (float) (sum / (s * s));
                }
            }
        }
    }
}
