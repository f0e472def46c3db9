package org.gen4j.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Options: defaults, parsing, and errors that name the owner, the key and the range. */
class OptionsTest {

    private static final String OWNER = "loss 'wgan'";

    private static Options of(Object... keysAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new Options(OWNER, values);
    }

    @Test
    void absentKeysGiveTheirDefaults() {
        Options o = Options.empty(OWNER);
        assertThat(o.getDouble("clip", 0.01, 0, 1)).isEqualTo(0.01);
        assertThat(o.getInt("width", 64, 1, 4096)).isEqualTo(64);
        assertThat(o.getBoolean("bias", true)).isTrue();
        assertThat(o.getChoice("norm", "batch", Set.of("batch", "none"))).isEqualTo("batch");
        o.checkAllUsed();
    }

    @Test
    void valuesAreReadFromNumbersAndStrings() {
        Options o = of("clip", "0.25", "width", 128L, "depth", "3", "bias", "FALSE", "norm", "none");
        assertThat(o.getDouble("clip", 0.01, 0, 1)).isEqualTo(0.25);
        assertThat(o.getInt("width", 64, 1, 4096)).isEqualTo(128);
        assertThat(o.getInt("depth", 2, 1, 8)).isEqualTo(3);
        assertThat(o.getBoolean("bias", true)).isFalse();
        assertThat(o.getChoice("norm", "batch", Set.of("batch", "none"))).isEqualTo("none");
        o.checkAllUsed();
    }

    @Test
    void anUnknownKeyFailsNamingTheOwnerTheKeyAndTheKnownKeys() {
        Options o = of("clip", 0.1, "clp", 0.1);
        o.getDouble("clip", 0.01, 0, 1);
        assertThatThrownBy(o::checkAllUsed)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loss 'wgan': unknown option [clp]. Known options: [clip]");
    }

    @Test
    void severalUnknownKeysAreAllNamed() {
        Options o = of("b", 1, "a", 2);
        assertThatThrownBy(o::checkAllUsed)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loss 'wgan': unknown options [a, b]. Known options: []");
    }

    @Test
    void aDoubleOutOfRangeNamesTheKeyAndTheRange() {
        assertThatThrownBy(() -> of("clip", 1.5).getDouble("clip", 0.01, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loss 'wgan': option 'clip' must be in [0.0, 1.0], got 1.5");
        assertThatThrownBy(() -> of("clip", Double.NaN).getDouble("clip", 0.01, 0, 1))
                .hasMessage("loss 'wgan': option 'clip' must be in [0.0, 1.0], got NaN");
        assertThatThrownBy(() -> of("clip", "a lot").getDouble("clip", 0.01, 0, 1))
                .hasMessage("loss 'wgan': option 'clip' must be a number, got 'a lot'");
    }

    @Test
    void anIntOutOfRangeNamesTheKeyAndTheRange() {
        assertThatThrownBy(() -> of("width", 0).getInt("width", 64, 1, 4096))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loss 'wgan': option 'width' must be in [1, 4096], got 0");
        assertThatThrownBy(() -> of("width", 5_000_000_000L).getInt("width", 64, 1, 4096))
                .hasMessage("loss 'wgan': option 'width' must be in [1, 4096], got 5000000000");
        assertThatThrownBy(() -> of("width", 2.5).getInt("width", 64, 1, 4096))
                .hasMessage("loss 'wgan': option 'width' must be an integer, got '2.5'");
    }

    @Test
    void aBadBooleanOrChoiceNamesTheKeyAndTheAllowedValues() {
        assertThatThrownBy(() -> of("bias", "yes").getBoolean("bias", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loss 'wgan': option 'bias' must be true or false, got 'yes'");
        assertThatThrownBy(() -> of("norm", "layer").getChoice("norm", "batch", Set.of("none", "batch")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("loss 'wgan': option 'norm' must be one of [batch, none], got 'layer'");
    }
}
