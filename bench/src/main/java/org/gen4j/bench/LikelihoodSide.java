package org.gen4j.bench;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gen4j.core.data.BinarizedSampleSet;
import org.gen4j.core.data.FashionMnist;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.TrainingRun;

/**
 * What the gen4j sides of the likelihood comparisons ({@code bench/run vae}, {@code bench/run
 * pixelcnn}) share: a spec on the full Fashion-MNIST, binarised dynamically with the reference's
 * fixed test draw, and a timed training run.
 */
final class LikelihoodSide {

    private LikelihoodSide() {}

    /**
     * A spec builder of {@code model} for {@code epochs} epochs of the full training split
     * (60,000 images) at {@code batch}, dynamically binarised, checkpointing only at the end.
     */
    static RunSpec.Builder binarizedFashion(String model, Path data, long binarizeSeed,
            int epochs, int batch, long seed) {
        long steps = (long) epochs * (60_000 / batch);
        return RunSpec.builder().setModel(model).optData(FashionMnist.FULL_NAME)
                .optDataOptions(Map.of("path", data.toString(),
                        BinarizedSampleSet.OPTION, BinarizedSampleSet.DYNAMIC,
                        BinarizedSampleSet.SEED_OPTION, binarizeSeed))
                .optBatchSize(batch).optSteps(steps).optSeed(seed)
                .optCheckpointEvery(Math.toIntExact(steps)).optLogEvery(100);
    }

    /** Trains a spec into a fresh {@code out} and returns the training's wall seconds. */
    static double train(RunSpec spec, Registry registry, Path out) throws IOException {
        BenchFiles.deleteTree(out);
        try (TrainingRun run = TrainingRun.start(spec, registry, out)) {
            System.out.printf("gen4j %s: %s, %d steps, engine %s%n", spec.model(),
                    run.data().description(), spec.steps(),
                    Engine.getInstance().getEngineName());
            long t0 = System.nanoTime();
            run.train(null);
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    /**
     * Writes the test split binarised once into {@code work}, then trains and scores every gen4j
     * side ({@code sideCommand} in a child JVM per engine and seed) and the reference, seed by
     * seed; both get {@code modelArgs} and the setup's arguments.
     */
    static Map<String, List<Map<String, String>>> runSides(SideOptions sides,
            BinarizedSetup setup, Path work, Path reference, String sideCommand, String heap,
            List<String> modelArgs) throws Exception {
        Path testFile = work.resolve("test-binarized-seed" + setup.binarizeSeed + ".idx");
        BinarizedTestSplit.write(setup.data, setup.binarizeSeed, testFile);
        return SideBySide.run(sides.engines, sides.seeds, setup.threads, reference,
                sides.python, (e, seed) -> {
                    List<String> cmd = ChildProcess.bench(e, setup.threads, heap, sideCommand,
                            "--seed", "" + seed, "--out", work.resolve(SideBySide.name(e)
                                    + "-seed" + seed).toString());
                    cmd.addAll(modelArgs);
                    cmd.addAll(setup.args(true));
                    return cmd;
                }, seed -> {
                    List<String> cmd = new ArrayList<>(List.of("--test-binarized",
                            testFile.toString(), "--seed", "" + seed));
                    cmd.addAll(modelArgs);
                    cmd.addAll(setup.args(false));
                    return cmd;
                });
    }
}
