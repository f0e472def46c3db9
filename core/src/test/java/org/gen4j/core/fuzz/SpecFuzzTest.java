package org.gen4j.core.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The spec loader (YAML and JSON) under Jazzer ({@link ParserFuzzTargets#spec}). In a plain test
 * run it runs on the empty input and on the seeds in {@code SpecFuzzTestInputs/spec/} (findings,
 * once fixed, are kept there); with {@code JAZZER_FUZZ=1} it is fuzzed for {@code maxDuration}.
 * Each target has a class of its own because Jazzer fuzzes one target in a JVM, and surefire gives
 * each class its own JVM when forks are not reused, so that {@code .ci/fuzz} fuzzes all of them in
 * one Maven run, two at a time.
 */
class SpecFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void spec(FuzzedDataProvider in) {
        ParserFuzzTargets.spec(in);
    }
}
