package org.gen4j.core.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The image-folder loader under Jazzer ({@link ParserFuzzTargets#imageFolder}). In a plain test run
 * it runs on the empty input and on the seeds in {@code ImageFolderFuzzTestInputs/imageFolder/}
 * (findings, once fixed, are kept there); with {@code JAZZER_FUZZ=1} it is fuzzed for {@code
 * maxDuration}. Each target has a class of its own because Jazzer fuzzes one target in a JVM, and
 * surefire gives each class its own JVM when forks are not reused, so that {@code .ci/fuzz} fuzzes
 * all of them in one Maven run, two at a time.
 */
class ImageFolderFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void imageFolder(FuzzedDataProvider in) {
        ParserFuzzTargets.imageFolder(in);
    }
}
