package org.gen4j.losses.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.gen4j.core.loss.GanLoss;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.util.Options;
import org.junit.jupiter.api.Test;

/** The example hinge loss: values worked by hand, its option, and its lookup by name. */
class HingeLossTest {

    private static final float[] REAL = {2f, 0.5f, -1f, 0f};
    private static final float[] FAKE = {-2f, 0f, 0.5f, -0.75f};

    private static float[] lossesOf(GanLoss loss) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray real = m.create(REAL).reshape(4, 1);
            NDArray fake = m.create(FAKE).reshape(4, 1);
            return new float[] {
                loss.discriminatorLoss(real, fake).getFloat(), loss.generatorLoss(fake, null).getFloat()
            };
        }
    }

    @Test
    void defaultMarginOfOne() {
        float[] losses = lossesOf(new HingeLossFactory().create(Options.empty("loss 'example-hinge'")));
        // real: relu(1-2)=0, relu(1-0.5)=0.5, relu(1+1)=2, relu(1-0)=1 -> mean 0.875
        // fake: relu(1-2)=0, relu(1+0)=1, relu(1+0.5)=1.5, relu(1-0.75)=0.25 -> mean 0.6875
        assertThat(losses[0]).isCloseTo(0.875f + 0.6875f, within(1e-6f));
        // G: -mean(fake) = -(-2 + 0 + 0.5 - 0.75) / 4 = 0.5625
        assertThat(losses[1]).isCloseTo(0.5625f, within(1e-6f));
    }

    @Test
    void marginOption() {
        float[] losses = lossesOf(new HingeLossFactory().create(
                new Options("loss 'example-hinge'", Map.of("margin", 0.5))));
        // real: 0, 0, 1.5, 0.5 -> 0.5; fake: 0, 0.5, 1, 0 -> 0.375
        assertThat(losses[0]).isCloseTo(0.875f, within(1e-6f));
        assertThat(losses[1]).isCloseTo(0.5625f, within(1e-6f));
        assertThatThrownBy(() -> new HingeLossFactory().create(
                        new Options("loss 'example-hinge'", Map.of("margin", -1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loss 'example-hinge': option 'margin' must be in [0.0, 100.0], got -1");
    }

    @Test
    void foundByNameWhenItsJarIsOnTheClassPath() {
        // The service file in src/test/resources puts the example plugin on this module's test class path.
        assertThat(Gen4j.registry().loss(HingeLossFactory.NAME)).isInstanceOf(HingeLossFactory.class);
        assertThatThrownBy(() -> Gen4j.registry().loss("hinje"))
                .hasMessage("Unknown loss 'hinje'. Known losses: [example-hinge, hinge, least-squares, minimax,"
                        + " non-saturating, relativistic-average, wasserstein]");
    }
}
