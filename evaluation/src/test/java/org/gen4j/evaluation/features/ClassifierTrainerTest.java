package org.gen4j.evaluation.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gen4j.evaluation.report.Sha256;
import org.gen4j.testing.Engines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The classifier's trainer: memory, learning, reproducibility, and the files a run writes. */
class ClassifierTrainerTest {

    private static final Shape IMAGE = new Shape(1, 28, 28);

    private static ClassifierTrainer.Settings settings(long seed) {
        return new ClassifierTrainer.Settings(seed, 1, 32, 1e-3, 1e-5, 0.3, true);
    }

    private static List<float[]> snapshot(ClassifierTrainer t) {
        List<float[]> all = new ArrayList<>();
        for (Pair<String, Parameter> p : t.network().block().getParameters()) {
            all.add(p.getValue().getArray().toFloatArray());
        }
        return all;
    }

    @Test
    void stepKeepsTheArrayCountConstant() {
        SampleImages.Batch data = SampleImages.first("train", 32 * 4);
        try (NDManager m = NDManager.newBaseManager();
                ClassifierTrainer t = new ClassifierTrainer(settings(3), IMAGE, 10, m)) {
            for (int i = 0; i < 3; i++) {
                SampleImages.Batch b = data.range(32 * i, 32 * (i + 1));
                t.step(b.images(), b.labels());
            }
            int warm = t.manager().getManagedArrays().size();
            int base = m.getManagedArrays().size();
            for (int i = 0; i < 12; i++) {
                SampleImages.Batch b = data.range(32 * (i % 4), 32 * (i % 4 + 1));
                t.step(b.images(), b.labels());
                if (i == 5) {
                    t.startEpoch(1);
                }
            }
            t.evaluate(SampleImages.dataset("test", 100), 40);
            assertThat(t.manager().getManagedArrays()).hasSize(warm);
            assertThat(m.getManagedArrays()).hasSize(base);
            assertThat(t.stepCount()).isEqualTo(15);
        }
    }

    @Test
    void aFewStepsLowerTheLoss() {
        SampleImages.Batch data = SampleImages.first("train", 32 * 8);
        try (NDManager m = NDManager.newBaseManager();
                ClassifierTrainer t = new ClassifierTrainer(settings(5), IMAGE, 10, m)) {
            List<Float> losses = new ArrayList<>();
            for (int epoch = 0; epoch < 3; epoch++) {
                for (int i = 0; i < 8; i++) {
                    SampleImages.Batch b = data.range(32 * i, 32 * (i + 1));
                    losses.add(t.step(b.images(), b.labels()));
                }
            }
            double first = losses.subList(0, 8).stream().mapToDouble(Float::doubleValue)
                    .average().orElseThrow();
            double last = losses.subList(16, 24).stream().mapToDouble(Float::doubleValue)
                    .average().orElseThrow();
            assertThat(losses).allSatisfy(l -> assertThat(l).isFinite());
            assertThat(last).as("mean loss of the 3rd pass vs the 1st").isLessThan(first * 0.6);
        }
    }

    @Test
    void theSameSeedGivesTheSameWeights() {
        SampleImages.Batch data = SampleImages.first("train", 32 * 3);
        List<List<float[]>> runs = new ArrayList<>();
        for (long seed : new long[] {9, 9, 10}) {
            try (NDManager m = NDManager.newBaseManager();
                    ClassifierTrainer t = new ClassifierTrainer(settings(seed), IMAGE, 10, m)) {
                List<float[]> init = snapshot(t);
                for (int i = 0; i < 3; i++) {
                    SampleImages.Batch b = data.range(32 * i, 32 * (i + 1));
                    t.step(b.images(), b.labels());
                }
                runs.add(init);
                runs.add(snapshot(t));
            }
        }
        for (int i = 0; i < runs.get(0).size(); i++) {
            assertThat(runs.get(2).get(i)).as("initial parameter %d, same seed", i)
                    .isEqualTo(runs.get(0).get(i));
            assertThat(runs.get(3).get(i)).as("trained parameter %d, same seed", i)
                    .isEqualTo(runs.get(1).get(i));
        }
        assertThat(runs.get(4).get(0)).as("another seed, other weights")
                .isNotEqualTo(runs.get(0).get(0));
    }

    @Test
    void corruptedBatchNormStatisticsStopTheRun() {
        // The loss cannot show them: training mode normalises with the batch's own statistics.
        SampleImages.Batch b = SampleImages.first("train", 32);
        try (NDManager m = NDManager.newBaseManager();
                ClassifierTrainer t = new ClassifierTrainer(settings(2), IMAGE, 10, m)) {
            t.step(b.images(), b.labels());
            Parameter var = t.network().block().getParameters().stream()
                    .filter(p -> p.getValue().getType() == Parameter.Type.RUNNING_VAR)
                    .findFirst().orElseThrow().getValue();
            var.getArray().set(filled(Math.toIntExact(var.getArray().size()),
                    Float.POSITIVE_INFINITY));
            assertThatThrownBy(() -> t.step(b.images(), b.labels()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("BatchNorm statistics")
                    .hasMessageContaining("runningVar became Infinity at step 2");
        }
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @Test
    void otherImageSizesAndClassCountsTrain() {
        Shape rgb = new Shape(3, 32, 32);
        float[] x = new float[4 * 3 * 32 * 32];
        new org.gen4j.core.random.RandomStream(1).fillGaussian(x, 0.5f);
        try (NDManager m = NDManager.newBaseManager();
                ClassifierTrainer t = new ClassifierTrainer(settings(1), rgb, 5, m)) {
            assertThat(t.step(x, new int[] {0, 1, 4, 2})).isFinite();
            assertThat(t.network().classCount()).isEqualTo(5);
        }
        assertThatThrownBy(() -> ClassifierNetwork.create(new Shape(1, 30, 30), 10))
                .hasMessage("the classifier takes images of shape (C, H, W) with H and W positive"
                        + " multiples of 4, got (1, 30, 30)");
        assertThatThrownBy(() -> ClassifierNetwork.create(IMAGE, 1))
                .hasMessage("classCount must be >= 2, got 1");
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new ClassifierTrainer.Settings(1, 0, 64, 1e-3, 0, 0, false))
                .hasMessage("epochs must be >= 1, got 0");
        assertThatThrownBy(() -> new ClassifierTrainer.Settings(1, 1, 0, 1e-3, 0, 0, false))
                .hasMessage("batch size must be >= 1, got 0");
        assertThatThrownBy(() -> new ClassifierTrainer.Settings(1, 1, 64, 2, 0, 0, false))
                .hasMessage("lr must be in (0, 1], got 2.0");
        assertThatThrownBy(() -> new ClassifierTrainer.Settings(1, 1, 64, 1e-3, 1e-2, 0, false))
                .hasMessage("final lr must be in [0, lr = 0.001], got 0.01");
        assertThatThrownBy(() -> new ClassifierTrainer.Settings(1, 1, 64, 1e-3, 0, 1, false))
                .hasMessage("dropout must be in [0, 1), got 1.0");
    }

    @Test
    void learningRateFollowsACosineByEpoch() {
        var s = new ClassifierTrainer.Settings(1, 4, 64, 1e-3, 1e-5, 0, false);
        assertThat(s.learningRate(0)).isEqualTo(1e-3);
        assertThat(s.learningRate(2)).isCloseTo((1e-3 + 1e-5) / 2, within(1e-12));
        assertThat(s.learningRate(3)).isLessThan(s.learningRate(2)).isGreaterThan(1e-5);
        assertThat(s.learningRate(4)).isCloseTo(1e-5, within(1e-12));
    }

    @Test
    void badBatchesAreRefused() {
        try (NDManager m = NDManager.newBaseManager();
                ClassifierTrainer t = new ClassifierTrainer(settings(1), IMAGE, 10, m)) {
            assertThatThrownBy(() -> t.step(new float[784], new int[2]))
                    .hasMessage("a batch of 2 labels needs 2 x 784 pixels, got 784");
            assertThatThrownBy(() -> t.step(new float[784], new int[] {10}))
                    .hasMessage("label 10 of image 0 is outside [0, 10)");
        }
    }

    @Test
    void aRunOnAnIdxFolderWritesWeightsAndProvenance(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        SampleImages.writeIdxFolder(data, 128, 64);
        Path out = dir.resolve("out");
        List<ClassifierProvenance.Epoch> seen = new ArrayList<>();
        ClassifierProvenance p = ClassifierTraining.trainOnIdxFolder(data, "tiny", out,
                "tiny-classifier", new ClassifierTrainer.Settings(4, 2, 32, 1e-3, 1e-5, 0.3, true),
                "gen4j train-classifier (test)", new ClassifierTraining.Listener() {
                    @Override
                    public void onEpoch(ClassifierProvenance.Epoch record) {
                        seen.add(record);
                    }
                });
        assertThat(seen).hasSize(2).isEqualTo(p.epochs());
        assertThat(p.id()).isEqualTo("tiny-classifier");
        assertThat(p.trainImages()).isEqualTo(128);
        assertThat(p.testImages()).isEqualTo(64);
        assertThat(p.testAccuracy()).isBetween(0.0, 1.0);
        assertThat(p.engine()).isEqualTo(Engines.current());
        assertThat(p.training().seed()).isEqualTo(4);
        assertThat(p.data().files()).extracting(ClassifierProvenance.DataFile::name)
                .containsExactly("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                        "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
        for (ClassifierProvenance.DataFile f : p.data().files()) {
            assertThat(f.sha256()).isEqualTo(Sha256.ofFile(data.resolve(f.name())));
        }
        Path params = out.resolve("tiny-classifier.params");
        assertThat(Sha256.ofFile(params)).isEqualTo(p.weightsSha256());
        try (InputStream in = Files.newInputStream(out.resolve("tiny-classifier.json"))) {
            assertThat(ClassifierProvenance.read(in, "json").weightsSha256())
                    .isEqualTo(p.weightsSha256());
        }
        try (FashionMnistClassifier net = FashionMnistClassifier.load(params)) {
            assertThat(net.id()).isEqualTo("tiny-classifier");
            assertThat(net.apply(new float[784], 1).features()[0]).hasSize(128);
        }
    }

    @Test
    void aBadIdIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> ClassifierTraining.trainOnIdxFolder(dir, "x", dir, "My Net",
                settings(1), "", new ClassifierTraining.Listener() {}))
                .hasMessageContaining("lower-kebab-case").hasMessageContaining("'My Net'");
    }
}
