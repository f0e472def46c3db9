package org.gen4j.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gen4j.core.data.BatchLoader;
import org.gen4j.core.random.RandomStream;

/**
 * Reads checkpoints of the format before the general training core ({@value
 * CheckpointState#LEGACY_GAN_FORMAT}): a GAN's {@code generator.params}, {@code
 * discriminator.params}, {@code optimizer-g.bin} and {@code optimizer-d.bin}, and one noise
 * stream. They load as checkpoints of the {@code gan} procedure, sample the same images and
 * resume exactly; a resumed run writes the current format.
 */
final class LegacyCheckpoints {

    private LegacyCheckpoints() {}

    static CheckpointState upgrade(JsonNode tree) throws IOException {
        JsonNode spec = tree.get("spec");
        if (spec == null || !spec.isObject()) {
            throw new IllegalArgumentException("it has no spec");
        }
        RandomStream.State noise = Checkpoints.JSON.treeToValue(tree.get("noise"),
                RandomStream.State.class);
        BatchLoader.State data = Checkpoints.JSON.treeToValue(tree.get("data"),
                BatchLoader.State.class);
        long[] sampleShape = Checkpoints.JSON.treeToValue(tree.get("sample-shape"), long[].class);
        Map<String, String> networks = new LinkedHashMap<>();
        networks.put("generator", "generator.params");
        networks.put("discriminator", "discriminator.params");
        Map<String, String> optimizers = new LinkedHashMap<>();
        optimizers.put("generator", "optimizer-g.bin");
        optimizers.put("discriminator", "optimizer-d.bin");
        Map<String, RandomStream.State> streams = new LinkedHashMap<>();
        if (noise != null) {
            streams.put("noise", noise);
        }
        Map<String, Float> metrics = new LinkedHashMap<>();
        metrics.put("loss_d", (float) tree.path("loss-d").asDouble());
        metrics.put("loss_g", (float) tree.path("loss-g").asDouble());
        TrainerState trainer = new TrainerState(tree.path("step").asLong(), "gan", networks,
                optimizers, streams, null, Map.of());
        return new CheckpointState(CheckpointState.LEGACY_GAN_FORMAT, tree.path("epoch").asInt(),
                tree.path("engine").asText("MXNet"), data, spec, metrics, sampleShape, 0,
                List.of("images"), trainer, null);
    }
}
