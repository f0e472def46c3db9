package org.gen4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

/**
 * The tests run on the engine the build asked for (the default profile: MXNet; -Ppytorch:
 * PyTorch), so that CI's PyTorch pass really exercises PyTorch.
 */
class EngineSelectionTest {

    @Test
    void testsRunOnTheEngineOfTheBuildProfile() {
        String wanted = System.getProperty("gen4j.engine");
        assertThat(wanted).as("surefire passes gen4j.engine").isNotBlank();
        assertThat(Engine.getInstance().getEngineName()).isEqualTo(wanted);
    }
}
