package org.gen4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The engine set-up helper: spellings, the missing-engine message, and the settings it makes. */
class EngineSetupTest {

    @Test
    void engineNamesAreCanonicalisedAndOthersRefused() {
        assertThat(EngineSetup.canonical("MXNET")).isEqualTo("MXNet");
        assertThat(EngineSetup.canonical("torch")).isEqualTo("PyTorch");
        assertThatThrownBy(() -> EngineSetup.canonical("tensorflow"))
                .hasMessage("engine must be mxnet or pytorch, got 'tensorflow'");
        assertThatThrownBy(() -> EngineSetup.builder().optThreads(0))
                .hasMessage("threads must be >= 1, got 0");
    }

    @Test
    void noEngineIsNamedAsSuchWithTheCoordinatesToAdd() {
        String m = EngineSetup.missingEngineMessage(null, Set.of());
        assertThat(m).startsWith("No deep-learning engine is on the class path")
                .contains("ai.djl.mxnet:mxnet-engine:0.36.0")
                .contains("ai.djl.mxnet:mxnet-native-mkl:1.9.1 (classifier linux-x86_64)")
                .contains("ai.djl.pytorch:pytorch-native-cpu:2.7.1");
        assertThat(EngineSetup.missingEngineMessage("PyTorch", Set.of("MXNet")))
                .isEqualTo("The engine PyTorch is not on the class path (available: [MXNet])."
                        + " Add ai.djl.pytorch:pytorch-engine, ai.djl.pytorch:pytorch-jni and"
                        + " ai.djl.pytorch:pytorch-native-cpu:2.7.1 (classifier linux-x86_64)");
        assertThat(EngineSetup.missingEngineMessage(null, Set.of("MXNet"))).isNull();
    }

    @Test
    void applyingKeepsDjlOfflineAndReturnsTheEngineInUse() {
        // The count the test JVM runs with, so that the rest of its tests keep it.
        String omp = System.getenv("OMP_NUM_THREADS");
        int threads = omp == null ? Runtime.getRuntime().availableProcessors()
                : Integer.parseInt(omp);
        String engine = EngineSetup.builder().optThreads(threads).apply();
        assertThat(engine).isEqualTo(Engine.getInstance().getEngineName())
                .isEqualTo(System.getProperty("gen4j.engine"));
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        assertThat(EngineSetup.requireEngine()).isEqualTo(engine);
        String other = engine.equals("MXNet") ? "pytorch" : "mxnet";
        assertThatThrownBy(() -> EngineSetup.builder().optEngine(other).apply())
                .isInstanceOf(EngineNotFoundException.class)
                .hasMessageContaining("is not on the class path");
        assertThat(Engine.getInstance().getEngineName()).as("a refused engine is not set")
                .isEqualTo(engine);
    }
}
