package org.gen4j.testing.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongFunction;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.TrainingRun;

/** Assertions over whole training runs, for the tests of every procedure. */
public final class RunAssertions {

    private RunAssertions() {}

    /**
     * Trains a spec straight to {@code steps}, and to {@code half} then resumed to {@code
     * steps}, in {@code dir/straight} and {@code dir/resumed}, and asserts that the named files
     * of both step-{@code steps} checkpoints are byte for byte the same.
     *
     * @param spec the spec of a run of the given steps
     * @param files checkpoint files relative to the checkpoint folder ({@code
     *     generator.params}, {@code procedure/...})
     */
    public static void assertResumesBitForBit(Registry registry, LongFunction<RunSpec> spec,
            long steps, long half, Path dir, List<String> files) throws IOException {
        Path straight = dir.resolve("straight");
        try (TrainingRun r = TrainingRun.start(spec.apply(steps), registry, straight)) {
            r.train(null);
        }
        Path resumed = dir.resolve("resumed");
        try (TrainingRun r = TrainingRun.start(spec.apply(half), registry, resumed)) {
            r.train(null);
        }
        RunSpec longer = TrainingRun.resumeLoader(resumed).setValue("steps", steps)
                .build(registry);
        try (TrainingRun r = TrainingRun.resume(longer, registry, resumed)) {
            r.train(null);
        }
        String checkpoint = String.format("checkpoints/step-%08d/", steps);
        for (String f : files) {
            assertThat(Files.readAllBytes(resumed.resolve(checkpoint + f))).as(f)
                    .isEqualTo(Files.readAllBytes(straight.resolve(checkpoint + f)));
        }
    }
}
