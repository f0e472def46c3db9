package org.gen4j.examples.code;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Map;
import org.gen4j.core.data.FashionMnist;
import org.gen4j.core.engine.EngineSetup;
import org.gen4j.core.image.ImageGrid;
import org.gen4j.core.optim.OptimizerSpec;
import org.gen4j.core.optim.ScheduleSpec;
import org.gen4j.core.procedure.SampleRequest;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.RunListener;
import org.gen4j.core.train.StepResult;
import org.gen4j.core.train.TrainedModel;
import org.gen4j.core.train.TrainingRun;
import org.gen4j.evaluation.Evaluator;
import org.gen4j.evaluation.features.FashionMnistClassifier;
import org.gen4j.evaluation.report.EvaluationReport;

/**
 * gen4j from Java: train a conditional GAN, resume it, sample from it, and score it. The code of
 * docs/using-gen4j-from-code.md; {@code FromCodeTest} runs it.
 */
public final class FromCode {

    private FromCode() {}

    /** Trains for {@code steps} steps in {@code runDir} (half, then a resume) and scores it. */
    public static EvaluationReport run(Path runDir, long steps) throws Exception {
        // 1. Before anything touches DJL: offline, two threads, the build's default engine.
        String engine = EngineSetup.builder().optThreads(2).apply();
        Registry registry = Gen4j.registry();

        // 2. The run: what a spec file would say, checked against the procedure's keys.
        RunSpec half = RunSpec.builder()
                .setModel("cgan")                            // the conditional GAN procedure
                .optData("fashion-mnist-sample")             // embedded, labelled
                .optModelOptions(Map.of("width", 32))        // a narrower DCGAN
                .optSteps(steps / 2)
                .optOptimizer("discriminator", OptimizerSpec.adam(2e-4, 0.5, 0.999))
                .optSchedule(ScheduleSpec.of("cosine", "warmup", 10))
                .opt("loss", "hinge")                        // a key of the cgan procedure
                .build(registry);

        // 3. Train, following the steps.
        RunListener listener = new RunListener() {
            @Override
            public void onStep(StepResult r, int epoch, double imagesPerSecond) {
                if (r.step() % 50 == 0) {
                    System.out.printf("step %d: loss_d %.3f, loss_g %.3f%n", r.step(),
                            r.value("loss_d"), r.value("loss_g"));
                }
            }
        };
        try (TrainingRun run = TrainingRun.start(half, registry, runDir)) {
            run.train(listener);
        }

        // 4. Resume from the newest checkpoint and train to the full length.
        RunSpec full = TrainingRun.resumeLoader(runDir).setValue("steps", steps).build(registry);
        try (TrainingRun run = TrainingRun.resume(full, registry, runDir)) {
            run.train(listener);
        }

        // 5. Sample: 20 images of each class onto the heap (one row per class in a PNG), and
        //    4 sneakers (class 7) as an NDArray in a manager of our own.
        try (TrainedModel model = TrainedModel.load(runDir, registry)) {
            int[] labels = new int[200];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = i / 20;
            }
            float[] images = model.sample(labels.length, 7L, labels, 100);
            ImageGrid.builder().optColumns(20).optScale(2).build()
                    .writePng(images, 200, 1, 28, 28, runDir.resolve("classes.png"));
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray sneakers = model.sample(manager, new SampleRequest(4,
                        new RandomStream(1), new int[] {7, 7, 7, 7}));
                System.out.println("sneakers " + sneakers.getShape() + " on " + engine);
            }

            // 6. Score the samples against the test split with the shipped classifier.
            var generated = new Evaluator.Images("cgan", images, 200, model.sampleShape(),
                    labels);
            var reference = Evaluator.Images.of(FashionMnist.sample("test"), 1000,
                    "fashion-mnist-sample test split");
            try (FashionMnistClassifier classifier = FashionMnistClassifier.load()) {
                EvaluationReport report = Evaluator.evaluateImages(registry,
                        Map.of("fid", Map.of(), "conditional-accuracy", Map.of()), generated,
                        reference, classifier, 0, 500, null);
                report.write(runDir.resolve(EvaluationReport.FILE_NAME));
                return report;
            }
        }
    }

    /** Runs the example: {@code FromCode [RUN_DIR [STEPS]]}. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "runs/from-code");
        long steps = args.length > 1 ? Long.parseLong(args[1]) : 600;
        EvaluationReport report = run(dir, steps);
        report.metrics().forEach(m -> System.out.println(m.metric() + " " + m.values()));
    }
}
