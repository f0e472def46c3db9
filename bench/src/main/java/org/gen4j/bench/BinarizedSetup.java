package org.gen4j.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gen4j.core.data.FashionMnist;
import picocli.CommandLine.Option;

/**
 * The options of the binarised Fashion-MNIST setup that both sides of a likelihood benchmark
 * ({@code vae}, {@code pixelcnn}) take; each benchmark's own setup extends it.
 */
class BinarizedSetup {
    @Option(names = "--test-n", defaultValue = "10000", description = "Test images scored.")
    int testN;
    @Option(names = "--threads", defaultValue = "2") int threads;
    @Option(names = "--data", defaultValue = FashionMnist.DEFAULT_PATH, description = "The"
            + " folder of the full Fashion-MNIST (apt-get install dataset-fashion-mnist).")
    Path data;
    @Option(names = "--binarize-seed", defaultValue = "0", description = "Seed of the test"
            + " split's fixed binarisation.")
    long binarizeSeed;

    /** These options as arguments: for gen4j's side with {@code --binarize-seed}. */
    List<String> args(boolean gen4j) {
        List<String> a = new ArrayList<>(List.of("--test-n", "" + testN, "--threads",
                "" + threads, "--data", data.toString()));
        if (gen4j) {
            a.addAll(List.of("--binarize-seed", "" + binarizeSeed));
        }
        return a;
    }
}
