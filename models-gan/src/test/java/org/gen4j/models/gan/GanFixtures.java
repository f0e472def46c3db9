package org.gen4j.models.gan;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.google.inject.Module;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.gen4j.core.data.BatchLoader;
import org.gen4j.core.procedure.DataInfo;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.Batches;
import org.gen4j.core.train.ProcedureTrainer;
import org.gen4j.core.train.TrainedModel;
import org.gen4j.core.train.TrainingRun;
import org.gen4j.evaluation.Evaluator;
import org.gen4j.evaluation.features.FashionMnistClassifier;
import org.gen4j.testing.plugins.RunAssertions;

/** Shared pieces of the GAN procedure tests. */
public final class GanFixtures {

    /** Every plugin on the test class path. */
    public static final Registry REGISTRY = Gen4j.registry();

    private GanFixtures() {}

    /** The registry of every plugin plus test modules (a loss or penalty of a test's own). */
    public static Registry registry(Module... extra) {
        return Gen4j.createInjector(extra).getInstance(Registry.class);
    }

    /** A spec builder for a procedure or architecture, with key-value pairs of any key. */
    public static RunSpec spec(Registry registry, String model, int batch, Object... keyValues) {
        RunSpec.Builder b = RunSpec.builder().setModel(model).optBatchSize(batch).optSteps(1000);
        for (int i = 0; i < keyValues.length; i += 2) {
            b.opt((String) keyValues[i], keyValues[i + 1]);
        }
        return b.build(registry);
    }

    /** A trainer for unlabelled data of a shape. */
    public static ProcedureTrainer trainer(Registry registry, RunSpec spec, Shape sample,
            NDManager m) {
        return ProcedureTrainer.create(spec, registry, DataInfo.unlabelled(sample, "test data"),
                spec.steps(), m);
    }

    /** A trainer for data of a shape with labels. */
    public static ProcedureTrainer labelledTrainer(Registry registry, RunSpec spec, Shape sample,
            int classes, NDManager m) {
        return ProcedureTrainer.create(spec, registry,
                DataInfo.labelled(sample, classes, "labelled test data"), spec.steps(), m);
    }

    /** The same batch for ever. */
    public static Batches fixed(float[] data, int[] labels, Shape sample) {
        int n = Math.toIntExact(data.length / sample.size());
        Shape shape = new Shape(n).addAll(sample);
        int[] indices = new int[n];
        return () -> new BatchLoader.Batch(0, 0, data, labels, indices, shape);
    }

    /** Batches of 2-D points on an 8-mode ring; batch k depends only on k. */
    public static final class Ring implements Batches {
        private final int batch;
        /** The index of the next batch. */
        public long next;

        /** Batches of {@code batch} points. */
        public Ring(int batch) {
            this.batch = batch;
        }

        @Override
        public BatchLoader.Batch next() {
            RandomStream r = new RandomStream(1000 + next++);
            float[] b = new float[batch * 2];
            for (int i = 0; i < batch; i++) {
                double a = 2 * Math.PI * r.nextInt(8) / 8;
                b[2 * i] = (float) (2 * Math.cos(a) + 0.02 * r.nextGaussian());
                b[2 * i + 1] = (float) (2 * Math.sin(a) + 0.02 * r.nextGaussian());
            }
            return new BatchLoader.Batch(0, 0, b, null, new int[batch], new Shape(batch, 2));
        }
    }

    /** Every parameter's values of a block, in order. */
    public static List<float[]> values(Block block) {
        List<float[]> all = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            all.add(p.getValue().getArray().toFloatArray());
        }
        return all;
    }

    /** One regularizer entry of a spec. */
    public static Map<String, Object> regularizer(String name, double weight) {
        return Map.of("name", name, "weight", weight);
    }

    /**
     * Trains a spec straight to {@code steps}, and to {@code half} then resumed to {@code
     * steps}, in {@code dir/straight} and {@code dir/resumed}, and asserts that the named files
     * of both step-{@code steps} checkpoints are byte for byte the same.
     *
     * @param spec the spec of a run of the given steps
     */
    public static void assertResumesBitForBit(LongFunction<RunSpec> spec, long steps, long half,
            Path dir, List<String> files) throws java.io.IOException {
        RunAssertions.assertResumesBitForBit(REGISTRY, spec, steps, half, dir, files);
    }

    /**
     * The share of a conditional model's samples, {@code perClass} drawn for each of its classes
     * (seed 0), that the shipped Fashion-MNIST classifier assigns to the class they were drawn
     * for.
     */
    public static double conditionalAccuracy(TrainedModel model, int perClass) throws Exception {
        int[] labels = new int[model.numClasses() * perClass];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i / perClass;
        }
        return conditionalAccuracy(model.sample(labels.length, 0L, labels, 250), labels,
                "samples of " + model.checkpoint());
    }

    /** The share of 28x28 images the shipped classifier assigns to their intended labels. */
    public static double conditionalAccuracy(float[] images, int[] labels, String name)
            throws Exception {
        try (FashionMnistClassifier classifier = FashionMnistClassifier.load()) {
            var set = new Evaluator.Images(name, images, labels.length, new Shape(1, 28, 28),
                    labels);
            var report = Evaluator.evaluateImages(REGISTRY,
                    Map.of("conditional-accuracy", Map.of()), set, null, classifier, 0, 250,
                    null);
            return report.metrics().get(0).values().get("accuracy");
        }
    }
}
