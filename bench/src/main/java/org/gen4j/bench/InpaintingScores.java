package org.gen4j.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.Map;
import org.gen4j.core.data.Masks;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spi.PluginKind;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.TrainedModel;
import org.gen4j.core.translate.Inpainter;
import org.gen4j.core.util.Options;
import org.gen4j.core.engine.HostArrays;

/**
 * The inpainting row of {@link ApplicationsBench}: test images with the hole of each mask shape
 * filled by the {@code semantic} inpainter of a trained GAN, against filling the hole with the
 * mean training image and with the training image nearest on the known pixels (L2), scored by
 * the PSNR over the hole's pixels (data range 2).
 */
final class InpaintingScores {

    private InpaintingScores() {}

    static String score(Registry registry, TrainedModel model, float[] test, int count,
            long seed) throws Exception {
        SampleSet train = org.gen4j.core.data.DataSources.open(model.spec().data(),
                new Options("train", model.spec().dataOptions()), model.spec().seed(),
                registry::dataset);
        int per = 784;
        float[] training = new float[train.size() * per];
        float[] mean = new float[per];
        for (int i = 0; i < train.size(); i++) {
            train.copySample(i, training, i * per);
            for (int p = 0; p < per; p++) {
                mean[p] += training[i * per + p] / train.size();
            }
        }
        Inpainter semantic = registry.get(PluginKind.INPAINTER, "semantic").forModel(model,
                new Options("semantic", Map.of("iterations", 300))).orElseThrow();
        StringBuilder out = new StringBuilder();
        for (String shape : new String[] {"center", "left-half", "blocks"}) {
            boolean[] hole = Masks.shape(shape, 28, 28, seed);
            float[] done;
            try (NDManager m = NDManager.newBaseManager()) {
                done = semantic.inpaint(model.sampleContext(m), HostArrays.create(m,
                        java.util.Arrays
                        .copyOf(test, count * per), new Shape(count, 1, 28, 28)), hole,
                        new RandomStream(seed)).toFloatArray();
            }
            float[] meanFill = new float[count * per];
            float[] nearest = new float[count * per];
            for (int i = 0; i < count; i++) {
                int best = 0;
                double bestDistance = Double.POSITIVE_INFINITY;
                for (int j = 0; j < train.size(); j++) {
                    double d = 0;
                    for (int p = 0; p < per && d < bestDistance; p++) {
                        if (!hole[p]) {
                            double e = training[j * per + p] - test[i * per + p];
                            d += e * e;
                        }
                    }
                    if (d < bestDistance) {
                        bestDistance = d;
                        best = j;
                    }
                }
                for (int p = 0; p < per; p++) {
                    meanFill[i * per + p] = hole[p] ? mean[p] : test[i * per + p];
                    nearest[i * per + p] = hole[p] ? training[best * per + p]
                            : test[i * per + p];
                }
            }
            out.append(String.format(Locale.ROOT, "%ninpainting %-11s hole PSNR: semantic %.3f"
                    + " dB, mean image %.3f dB, nearest training image %.3f dB", shape,
                    psnr(done, test, hole, count), psnr(meanFill, test, hole, count),
                    psnr(nearest, test, hole, count)));
        }
        return out.toString().substring(1);
    }

    /** The PSNR over the hole's pixels of every image together, data range 2. */
    static double psnr(float[] x, float[] y, boolean[] hole, int count) {
        double sum = 0;
        long n = 0;
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < hole.length; p++) {
                if (hole[p]) {
                    double e = x[i * hole.length + p] - y[i * hole.length + p];
                    sum += e * e;
                    n++;
                }
            }
        }
        return 10 * Math.log10(4 / (sum / n));
    }
}
