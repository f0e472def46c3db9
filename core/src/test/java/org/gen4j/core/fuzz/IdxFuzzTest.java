package org.gen4j.core.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The IDX image and label readers under Jazzer ({@link ParserFuzzTargets#idx}). In a plain test run
 * it runs on the empty input and on the seeds in {@code IdxFuzzTestInputs/idx/} (findings, once
 * fixed, are kept there); with {@code JAZZER_FUZZ=1} it is fuzzed for {@code maxDuration}. Each
 * target has a class of its own because Jazzer fuzzes one target in a JVM, and surefire gives each
 * class its own JVM when forks are not reused, so that {@code .ci/fuzz} fuzzes all of them in one
 * Maven run, two at a time.
 */
class IdxFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void idx(byte[] data) {
        ParserFuzzTargets.idx(data);
    }
}
