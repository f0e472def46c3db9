package org.gen4j.evaluation.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** gen4j's resize against torch.nn.functional.interpolate's own output, and closed forms. */
class ImageResizeTest {

    @Test
    void matchesPyTorchInterpolateUpAndDown() {
        JsonNode cases = TinyNetworks.json("resize-golden.json");
        assertThat(cases.size()).isEqualTo(8);
        for (JsonNode c : cases) {
            int channels = c.get("in_shape").get(0).asInt();
            int h = c.get("in_shape").get(1).asInt();
            int w = c.get("in_shape").get(2).asInt();
            int oh = c.get("out_size").get(0).asInt();
            int ow = c.get("out_size").get(1).asInt();
            float[] in = TinyNetworks.floats(c.get("in"));
            float[] expected = TinyNetworks.floats(c.get("out"));
            float[] out = new float[channels * oh * ow];
            for (int k = 0; k < channels; k++) {
                if (c.get("mode").asText().equals("bilinear")) {
                    ImageResize.bilinear(in, k * h * w, h, w, out, k * oh * ow, oh, ow);
                } else {
                    ImageResize.nearest(in, k * h * w, h, w, out, k * oh * ow, oh, ow);
                }
            }
            for (int i = 0; i < out.length; i++) {
                assertThat(out[i]).as("%s %dx%d -> %dx%d, value %d", c.get("mode").asText(), h,
                        w, oh, ow, i).isCloseTo(expected[i], within(2e-6f));
            }
        }
    }

    @Test
    void sameSizeIsTheIdentityAndAConstantStaysConstant() {
        float[] x = new float[12];
        for (int i = 0; i < x.length; i++) {
            x[i] = i * 0.1f - 0.3f;
        }
        float[] same = new float[12];
        ImageResize.bilinear(x, 0, 3, 4, same, 0, 3, 4);
        assertThat(same).containsExactly(x);
        ImageResize.nearest(x, 0, 3, 4, same, 0, 3, 4);
        assertThat(same).containsExactly(x);
        float[] constant = new float[12];
        Arrays.fill(constant, 0.7f);
        float[] big = new float[299 * 299];
        ImageResize.bilinear(constant, 0, 3, 4, big, 0, 299, 299);
        for (float v : big) {
            assertThat(v).isCloseTo(0.7f, within(1e-6f));
        }
    }
}
