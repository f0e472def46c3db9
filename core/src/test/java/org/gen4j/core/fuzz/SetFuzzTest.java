package org.gen4j.core.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The {@code --set KEY=VALUE} values under Jazzer ({@link ParserFuzzTargets#set}). In a plain test
 * run it runs on the empty input and on the seeds in {@code SetFuzzTestInputs/set/} (findings, once
 * fixed, are kept there); with {@code JAZZER_FUZZ=1} it is fuzzed for {@code maxDuration}. Each
 * target has a class of its own because Jazzer fuzzes one target in a JVM, and surefire gives each
 * class its own JVM when forks are not reused, so that {@code .ci/fuzz} fuzzes all of them in one
 * Maven run, two at a time.
 */
class SetFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void set(FuzzedDataProvider in) {
        ParserFuzzTargets.set(in);
    }
}
