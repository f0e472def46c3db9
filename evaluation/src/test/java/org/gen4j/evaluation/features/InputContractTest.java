package org.gen4j.evaluation.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gen4j.core.util.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The input contract: the sidecar, options over it, and what is refused. */
class InputContractTest {

    @TempDir
    Path tmp;

    private InputContract read(String sidecar, Map<String, ?> options) throws IOException {
        Path net = tmp.resolve("net.onnx");
        Files.writeString(net, "x");
        if (sidecar != null) {
            Files.writeString(tmp.resolve("net.onnx.json"), sidecar);
        }
        Options o = new Options("feature network 'onnx'", options);
        InputContract c = InputContract.of(net, o);
        o.checkAllUsed();
        return c;
    }

    @Test
    void readsTheSidecarBesideTheFile() throws IOException {
        InputContract c = read("{\"id\": \"inception\", \"channels\": 3, \"height\": 299,"
                + " \"width\": 299, \"range\": [0, 1], \"mean\": [0.485, 0.456, 0.406],"
                + " \"std\": 0.5, \"resize\": \"nearest\", \"features-output\": 0,"
                + " \"logits-output\": \"logits\"}", Map.of());
        assertThat(c.id()).isEqualTo("inception");
        assertThat(c.inputShape().getShape()).containsExactly(3, 299, 299);
        assertThat(c.rangeMin()).isZero();
        assertThat(c.rangeMax()).isEqualTo(1);
        assertThat(c.mean()).containsExactly(0.485, 0.456, 0.406);
        assertThat(c.std()).containsExactly(0.5, 0.5, 0.5);
        assertThat(c.resize()).isEqualTo(InputContract.Resize.NEAREST);
        assertThat(c.featuresOutput()).isEqualTo("0");
        assertThat(c.logitsOutput()).isEqualTo("logits");
    }

    @Test
    void optionsOverrideTheSidecarAndDefaultsFillTheRest() throws IOException {
        InputContract c = read("{\"channels\": 3, \"size\": 32}", Map.of("size", "64",
                "range", "0,255", "logits-output", "1"));
        assertThat(c.id()).isEqualTo("net");
        assertThat(c.height()).isEqualTo(64);
        assertThat(c.width()).isEqualTo(64);
        assertThat(c.rangeMax()).isEqualTo(255);
        assertThat(c.mean()).containsExactly(0, 0, 0);
        assertThat(c.std()).containsExactly(1, 1, 1);
        assertThat(c.resize()).isEqualTo(InputContract.Resize.BILINEAR);
        assertThat(c.logitsOutput()).isEqualTo("1");
        assertThat(read(null, Map.of("channels", 1, "size", 8)).channels()).isEqualTo(1);
    }

    @Test
    void refusesWhatIsMissingOrWrong() {
        assertThatThrownBy(() -> read(null, Map.of("channels", 3)))
                .hasMessageContaining("no sidecar").hasMessageContaining("net.onnx.json")
                .hasMessageContaining("lacks height (or size), width (or size)");
        assertThatThrownBy(() -> read("{\"channels\": 3, \"size\": 8, \"colour\": 1}", Map.of()))
                .hasMessageContaining("net.onnx.json").hasMessageContaining("unknown key 'colour'");
        assertThatThrownBy(() -> read("{\"channels\": 3, \"size\": 8, \"size\": 9}", Map.of()))
                .hasMessageContaining("is not a JSON object").hasMessageContaining("size");
        assertThatThrownBy(() -> read("[1, 2]", Map.of()))
                .hasMessageContaining("is not a JSON object");
        assertThatThrownBy(() -> read("{\"channels\": \"three\", \"size\": 8}", Map.of()))
                .hasMessageContaining("'channels'");
        assertThatThrownBy(() -> read("{\"channels\": 3, \"size\": 8, \"std\": [1, 0, 1]}",
                Map.of())).hasMessageContaining("'std' must be a positive number");
        assertThatThrownBy(() -> read("{\"channels\": 3, \"size\": 8, \"std\": 1e-40}",
                Map.of())).hasMessageContaining("finite in float32");
        assertThatThrownBy(() -> read("{\"channels\": 3, \"size\": 8, \"mean\": [1, 2]}",
                Map.of())).hasMessageContaining("'mean' needs one value or 3");
        assertThatThrownBy(() -> read("{\"channels\": 3, \"size\": 8, \"range\": [1, 1]}",
                Map.of())).hasMessageContaining("lo < hi");
        assertThatThrownBy(() -> read("{\"channels\": 3, \"size\": 8, \"range\": [0, 1e39]}",
                Map.of())).hasMessageContaining("finite in float32");
        assertThatThrownBy(() -> read("{\"channels\": 3, \"size\": 8, \"resize\": \"cubic\"}",
                Map.of())).hasMessageContaining("'resize' must be one of [bilinear, nearest,"
                        + " none]");
        assertThatThrownBy(() -> read("{\"channels\": 3, \"size\": 8, \"height\": 8}", Map.of()))
                .hasMessageContaining("'size' or 'height' and 'width', not both");
        assertThatThrownBy(() -> read(null, Map.of("channels", 3, "size", 8, "contract",
                tmp.resolve("missing.json").toString())))
                .hasMessageContaining("missing.json does not exist");
    }
}
