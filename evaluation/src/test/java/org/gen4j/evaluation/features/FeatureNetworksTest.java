package org.gen4j.evaluation.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.Registry;
import org.junit.jupiter.api.Test;

/** Feature networks as a plugin kind: listed, found by name, and by a file's extension. */
class FeatureNetworksTest {

    @Test
    void theKindAndItsNetworksAreRegistered() {
        Registry r = Gen4j.registry();
        assertThat(r.kinds()).contains(FeatureNetworks.KIND);
        assertThat(r.kind("feature-networks")).isEqualTo(FeatureNetworks.KIND);
        assertThat(r.all(FeatureNetworks.KIND)).containsKeys("fashion-mnist-classifier",
                "classifier", "onnx", "torchscript");
    }

    @Test
    void theShippedNetworkByName() {
        try (FeatureNetwork net = FeatureNetworks.open(Gen4j.registry(),
                FeatureNetworks.DEFAULT, Map.of())) {
            assertThat(net.id()).isEqualTo(FashionMnistClassifier.ID);
            assertThat(net.classCount()).isEqualTo(10);
        }
        assertThatThrownBy(() -> FeatureNetworks.open(Gen4j.registry(),
                FeatureNetworks.DEFAULT, Map.of("file", "x")))
                .hasMessageContaining("unknown option [file]");
    }

    @Test
    void anUnknownNameListsTheNetworksAndTheFileKinds() {
        assertThatThrownBy(() -> FeatureNetworks.open(Gen4j.registry(), "inception", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown feature network 'inception'")
                .hasMessageContaining("[classifier, fashion-mnist-classifier, onnx, torchscript]")
                .hasMessageContaining(".onnx").hasMessageContaining(".pt")
                .hasMessageContaining(".params");
        assertThatThrownBy(() -> FeatureNetworks.open(Gen4j.registry(), "onnx", Map.of()))
                .hasMessageContaining("option 'file' is required");
    }
}
