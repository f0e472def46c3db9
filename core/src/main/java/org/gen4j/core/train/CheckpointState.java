package org.gen4j.core.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import org.gen4j.core.data.BatchLoader;
import org.gen4j.core.random.RandomStream;

/**
 * The {@code state.json} of a checkpoint: everything besides the weights and optimizer states.
 *
 * @param format the format tag, {@value #FORMAT}
 * @param step generator steps completed
 * @param epoch the data epoch the next batch belongs to
 * @param engine the engine that wrote it
 * @param noise the latent noise stream
 * @param data the data loader's position (next batch)
 * @param spec the resolved run spec
 * @param lossD the last discriminator loss
 * @param lossG the last generator loss
 * @param sampleShape the shape of one sample, so that the generator can be rebuilt without data
 */
public record CheckpointState(
        @JsonProperty("format") String format,
        @JsonProperty("step") long step,
        @JsonProperty("epoch") int epoch,
        @JsonProperty("engine") String engine,
        @JsonProperty("noise") RandomStream.State noise,
        @JsonProperty("data") BatchLoader.State data,
        @JsonProperty("spec") JsonNode spec,
        @JsonProperty("loss-d") float lossD,
        @JsonProperty("loss-g") float lossG,
        @JsonProperty("sample-shape") long[] sampleShape) {

    /** The current format tag. */
    public static final String FORMAT = "gen4j-gan-checkpoint/1";
}
