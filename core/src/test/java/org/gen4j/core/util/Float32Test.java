package org.gen4j.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import com.fasterxml.jackson.databind.node.DoubleNode;
import org.gen4j.core.spec.SpecKey;
import org.junit.jupiter.api.Test;

/** Numbers valid in double but lost in the engines' float32 are refused, by name. */
class Float32Test {

    @Test
    void optionsRefuseValuesThatFloat32TurnsTo0OrInfinity() {
        Options o = new Options("optimizer 'adam'", Map.of("lr", "1e-50", "big", 1e39,
                "ok", 1e-30, "zero", 0));
        assertThatThrownBy(() -> o.getDoubleAbove("lr", 1e-3, 0, 10))
                .hasMessageContaining("optimizer 'adam': option 'lr' is 1.0E-50")
                .hasMessageContaining("it becomes 0");
        assertThatThrownBy(() -> o.getDouble("big", 1, 0, Double.MAX_VALUE))
                .hasMessageContaining("option 'big' is 1.0E39").hasMessageContaining("infinite");
        assertThat(o.getDouble("ok", 1, 0, 1)).isEqualTo(1e-30);
        assertThat(o.getDouble("zero", 1, 0, 1)).isZero();
    }

    @Test
    void specNumbersToo() {
        SpecKey<Double> key = SpecKey.number("decay", 0.5, 0, 1e40, "a number");
        assertThatThrownBy(() -> key.bind(DoubleNode.valueOf(1e-45)))
                .hasMessageContaining("decay is 1.0E-45").hasMessageContaining("float32");
        assertThatThrownBy(() -> key.bind(DoubleNode.valueOf(1e39)))
                .hasMessageContaining("becomes infinite");
        assertThat(key.bind(DoubleNode.valueOf(0.25))).isEqualTo(0.25);
    }
}
