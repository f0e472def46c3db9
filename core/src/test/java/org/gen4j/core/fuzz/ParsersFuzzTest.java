package org.gen4j.core.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The parsers of outside input under Jazzer. In a plain test run each target runs on the empty
 * input and on the seeds in {@code ParsersFuzzTestInputs/<method>/} (findings, once fixed, are
 * kept there); with {@code JAZZER_FUZZ=1} one target at a time is fuzzed for {@code
 * maxDuration}, as CI does for each ({@code .ci/fuzz}).
 */
class ParsersFuzzTest {

    @FuzzTest(maxDuration = "15s")
    void idx(byte[] data) {
        ParserFuzzTargets.idx(data);
    }

    @FuzzTest(maxDuration = "15s")
    void imageFolder(FuzzedDataProvider in) {
        ParserFuzzTargets.imageFolder(in);
    }

    @FuzzTest(maxDuration = "15s")
    void spec(FuzzedDataProvider in) {
        ParserFuzzTargets.spec(in);
    }

    @FuzzTest(maxDuration = "15s")
    void set(FuzzedDataProvider in) {
        ParserFuzzTargets.set(in);
    }

    @FuzzTest(maxDuration = "15s")
    void checkpointState(FuzzedDataProvider in) {
        ParserFuzzTargets.checkpointState(in);
    }
}
