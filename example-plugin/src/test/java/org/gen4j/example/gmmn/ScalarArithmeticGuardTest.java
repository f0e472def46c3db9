package org.gen4j.example.gmmn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.gen4j.testing.HostCopyCalls;
import org.gen4j.testing.ScalarArithmeticCalls;
import org.junit.jupiter.api.Test;

/**
 * The example plugin, like gen4j's own modules, takes number arithmetic from {@code
 * org.gen4j.core.engine.Scalars}: DJL's {@code x.mul(0.5f)} computes wrong gradients on the
 * PyTorch engine once the garbage collector frees its scalar. It copies Java data into arrays
 * with {@code org.gen4j.core.engine.HostArrays}, as DJL's own copy hands MXNet freed memory when
 * a collection runs during it.
 */
class ScalarArithmeticGuardTest {

    @Test
    void thePluginUsesScalarsForNumberArithmetic() throws Exception {
        Path classes = Path.of(Gmmn.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        assertThat(classes.resolve("org/gen4j/example/gmmn/Gmmn.class")).exists();
        assertThat(ScalarArithmeticCalls.find(classes, "org/gen4j/example/")).isEmpty();
        assertThat(HostCopyCalls.find(classes, "org/gen4j/example/")).isEmpty();
    }
}
