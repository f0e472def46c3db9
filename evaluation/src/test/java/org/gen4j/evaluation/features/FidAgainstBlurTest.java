package org.gen4j.evaluation.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.evaluation.Evaluator;
import org.gen4j.evaluation.report.EvaluationReport;
import org.gen4j.evaluation.stats.GaussianBlur;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FID through a plugged-in network behaves as a distance: about 0 for a set against itself, and
 * growing with every step of Gaussian blur, for the ONNX network (grey Fashion-MNIST repeated to
 * RGB and resized from 28 to 16) as for the shipped classifier.
 */
class FidAgainstBlurTest {

    static final double[] SIGMAS = {0, 0.5, 1, 1.5, 2, 3};

    @TempDir
    Path tmp;

    private static List<Double> fids(FeatureNetwork net, int n) {
        SampleImages.Batch real = SampleImages.first("test", n);
        Shape shape = new Shape(1, 28, 28);
        Evaluator.Images reference = new Evaluator.Images("real", real.images(), n, shape);
        List<Double> out = new ArrayList<>();
        for (double sigma : SIGMAS) {
            Evaluator.Images blurred = new Evaluator.Images("blur " + sigma,
                    GaussianBlur.apply(real.images(), 28, 28, sigma), n, shape);
            EvaluationReport r = Evaluator.evaluateImages(Gen4j.registry(),
                    Map.of("fid", Map.of()), blurred, reference, net, 0, 250, null);
            out.add(r.metrics().get(0).value("fid"));
        }
        return out;
    }

    private static void checkMonotone(List<Double> fid) {
        assertThat(fid.get(0)).isCloseTo(0, within(1e-6));
        for (int i = 1; i < fid.size(); i++) {
            assertThat(fid.get(i)).as("FID at sigma %s above sigma %s: %s", SIGMAS[i],
                    SIGMAS[i - 1], fid).isGreaterThan(fid.get(i - 1));
        }
    }

    @Test
    void onnxNetwork() {
        try (FeatureNetwork net = FeatureNetworks.open(Gen4j.registry(),
                TinyNetworks.copy("tiny-rgb.onnx", tmp).toString(), Map.of())) {
            checkMonotone(fids(net, 300));
        }
    }

    @Test
    void shippedClassifier() {
        try (FeatureNetwork net = FashionMnistClassifier.load()) {
            checkMonotone(fids(net, 300));
        }
    }
}
