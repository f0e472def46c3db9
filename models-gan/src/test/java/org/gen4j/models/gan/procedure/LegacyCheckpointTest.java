package org.gen4j.models.gan.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gen4j.models.gan.GanFixtures.REGISTRY;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.train.CheckpointState;
import org.gen4j.core.train.Checkpoints;
import org.gen4j.core.train.TrainedModel;
import org.gen4j.core.train.TrainingRun;
import org.gen4j.testing.Engines;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint written by gen4j before the general training core (test resource {@code
 * legacy/gan-checkpoint-v1}, format {@code gen4j-gan-checkpoint/1}, see its README) still loads,
 * samples the images that release sampled, and resumes to the weights that release reached.
 */
class LegacyCheckpointTest {

    private static final String RESOURCE = "legacy/gan-checkpoint-v1";

    @TempDir
    Path dir;

    private Path copy() throws IOException {
        Path source;
        try {
            source = Path.of(LegacyCheckpointTest.class.getClassLoader().getResource(RESOURCE)
                    .toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        Path target = dir.resolve("run");
        try (Stream<Path> all = Files.walk(source)) {
            for (Path p : all.toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return target;
    }

    private static float[] expected(String file) throws IOException {
        try (InputStream in = LegacyCheckpointTest.class.getClassLoader()
                .getResourceAsStream(RESOURCE + "/" + file)) {
            ByteBuffer b = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            float[] x = new float[b.remaining() / 4];
            b.asFloatBuffer().get(x);
            return x;
        }
    }

    private static float maxDifference(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    @Test
    void itLoadsAsAGanAndSamplesTheSameImages() throws IOException {
        Path run = copy();
        CheckpointState state = Checkpoints.readState(Checkpoints.resolve(run));
        assertThat(state.format()).isEqualTo(CheckpointState.LEGACY_GAN_FORMAT);
        assertThat(state.trainer().procedure()).isEqualTo("gan");
        try (TrainedModel model = TrainedModel.load(run, REGISTRY)) {
            assertThat(model.step()).isEqualTo(30);
            assertThat(model.spec().procedure()).isEqualTo("gan");
            assertThat(model.spec().optimizers()).containsOnlyKeys("generator",
                    "discriminator");
            float[] x = model.sample(8, new RandomStream(7), null, 8);
            // Written on MXNet; PyTorch computes the same network to float rounding, and so does
            // MXNet since its 64-to-1 layer runs as 16 zero-padded filters (another MKL-DNN
            // kernel, another order of summation: 1.4e-5 at most here).
            float tolerance = 1e-4f;
            assertThat(maxDifference(x, expected("samples-seed7.f32"))).isLessThanOrEqualTo(
                    tolerance);
        }
    }

    @Test
    void itResumesToTheWeightsThatReleaseReached() throws Exception {
        Assumptions.assumeTrue(Engines.isMxnet(), "the expected images were trained on MXNet;"
                + " training on another engine rounds differently");
        Path run = copy();
        RunSpec longer = TrainingRun.resumeLoader(run).setValue("steps", 40L).build(REGISTRY);
        try (TrainingRun r = TrainingRun.resume(longer, REGISTRY, run)) {
            r.train(null);
        }
        CheckpointState now = Checkpoints.readState(Checkpoints.resolve(run));
        assertThat(now.format()).isEqualTo(CheckpointState.FORMAT);
        assertThat(now.step()).isEqualTo(40);
        try (TrainedModel model = TrainedModel.load(run, REGISTRY)) {
            float[] x = model.sample(8, new RandomStream(7), null, 8);
            // The release's step, to the float rounding of the padded 64-to-1 layer (1.4e-5 at
            // most here; with reuse-fakes, a step of another algorithm, it ends 6.6e-3 away).
            assertThat(maxDifference(x, expected("samples-resumed40-seed7.f32")))
                    .isLessThanOrEqualTo(1e-4f);
        }
    }
}
