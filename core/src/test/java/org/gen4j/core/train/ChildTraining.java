package org.gen4j.core.train;

import java.nio.file.Path;
import java.util.Map;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;

/**
 * A training in a JVM of its own, for tests that kill it: the core's toy procedure with a
 * checkpoint every step, printing {@code checkpoint STEP} once each is published.
 */
final class ChildTraining {

    private ChildTraining() {}

    static RunSpec spec(Registry registry, long steps) {
        return RunSpec.builder().setModel("toy").optData("gaussian-ring-8")
                .optDataOptions(Map.of("size", 640)).optBatchSize(32).optSteps(steps)
                .optCheckpointEvery(1).optLogEvery(5).optSampleCount(16)
                .opt("keep-checkpoints", 3).build(registry);
    }

    /** {@code ChildTraining RUN_DIR STEPS}. */
    public static void main(String[] args) throws Exception {
        Registry registry = Gen4j.registry();
        try (TrainingRun run = TrainingRun.start(spec(registry, Long.parseLong(args[1])),
                registry, Path.of(args[0]))) {
            run.train(new RunListener() {
                @Override
                public void onCheckpoint(Path dir, long step) {
                    System.out.println("checkpoint " + step);
                    System.out.flush();
                }
            });
        }
    }
}
