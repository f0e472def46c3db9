package org.gen4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.Platform;
import org.junit.jupiter.api.Test;

class NativeAllocatorTest {

    @Test
    void glibcTakesTheThresholds() {
        assumeTrue(Platform.isLinux(), "glibc's mallopt");
        assertThat(NativeAllocator.retainFreedMemory()).isTrue();
        assertThat(NativeAllocator.isTuned()).isTrue();
        // Idempotent: a second call (EngineSetup runs once per verb, a host may call it again)
        assertThat(NativeAllocator.retainFreedMemory()).isTrue();
    }
}
