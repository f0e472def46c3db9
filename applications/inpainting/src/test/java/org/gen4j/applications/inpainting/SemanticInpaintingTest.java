package org.gen4j.applications.inpainting;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.Map;
import org.gen4j.core.data.Masks;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.PluginKind;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.HeldOutData;
import org.gen4j.core.train.TrainedModel;
import org.gen4j.core.train.TrainingRun;
import org.gen4j.core.util.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Semantic inpainting on a briefly trained DCGAN: the search lowers the contextual loss, the
 * known pixels are kept exactly and the hole is filled from the generator.
 */
class SemanticInpaintingTest {

    private static final Registry REGISTRY = Gen4j.registry();

    @TempDir
    Path dir;

    @Test
    void theSearchFitsTheKnownPixelsAndTheBlendKeepsThem() throws Exception {
        RunSpec spec = RunSpec.builder().setModel("dcgan").optSteps(30).optBatchSize(32)
                .optSeed(2).optModelOptions(Map.of("width", 8)).optCheckpointEvery(30)
                .optLogEvery(10).optSampleCount(4).build(REGISTRY);
        Path run = dir.resolve("dcgan");
        try (TrainingRun r = TrainingRun.start(spec, REGISTRY, run)) {
            r.train(null);
        }
        try (TrainedModel model = TrainedModel.load(run, REGISTRY);
                NDManager m = NDManager.newBaseManager()) {
            var test = HeldOutData.testSplit(model.spec(), REGISTRY);
            float[] y = new float[3 * 784];
            for (int i = 0; i < 3; i++) {
                test.copySample(i, y, i * 784);
            }
            NDArray images = m.create(y, new Shape(3, 1, 28, 28));
            boolean[] hole = Masks.shape("center", 28, 28, 0);
            SemanticInpainting one = semantic(model, 1);
            SemanticInpainting many = semantic(model, 60);
            var context = model.sampleContext(m);
            double before = contextual(model, context, one.search(context, images, hole,
                    new RandomStream(4)), y, hole);
            double after = contextual(model, context, many.search(context, images, hole,
                    new RandomStream(4)), y, hole);
            // A generator of 30 steps depends little on z (0.899 to 0.885 measured); a broken
            // search (no gradient to z) would leave the loss where it started.
            assertThat(after).as("contextual L1 after 60 steps, against 1 (%s)", before)
                    .isLessThan(0.99 * before);
            float[] done = many.inpaint(context, images, hole, new RandomStream(4))
                    .toFloatArray();
            int changed = 0;
            for (int i = 0; i < done.length; i++) {
                if (!hole[i % 784]) {
                    assertThat(done[i]).as("known pixel %d", i).isEqualTo(y[i]);
                } else {
                    assertThat(done[i]).isBetween(-1f, 1f);
                    changed += done[i] != y[i] ? 1 : 0;
                }
            }
            assertThat(changed).isPositive();
        }
    }

    private static SemanticInpainting semantic(TrainedModel model, int iterations) {
        return (SemanticInpainting) REGISTRY.get(PluginKind.INPAINTER, InpaintingModule.NAME)
                .forModel(model, new Options("inpainter", Map.of("iterations", iterations)))
                .orElseThrow();
    }

    /** The mean absolute error of G(z) on the known pixels. */
    private static double contextual(TrainedModel model,
            org.gen4j.core.procedure.SampleContext context, float[] z, float[] y, boolean[] hole) {
        int n = y.length / 784;
        float[] x = model.latent().orElseThrow().generate(context, context.manager().create(z,
                new Shape(n, model.latent().get().latentSize())), null).toFloatArray();
        double sum = 0;
        int count = 0;
        for (int i = 0; i < x.length; i++) {
            if (!hole[i % 784]) {
                sum += Math.abs(x[i] - y[i]);
                count++;
            }
        }
        return sum / count;
    }
}
