package org.gen4j.core.train;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.gen4j.core.data.BatchLoader;

/**
 * The {@code state.json} of a checkpoint: everything besides the files of the networks, the
 * optimizers and the procedure's arrays.
 *
 * @param format the format tag, {@value #FORMAT}
 * @param epoch the data epoch the next batch belongs to
 * @param engine the engine that wrote it
 * @param data the data loader's position (the next batch)
 * @param spec the resolved run spec
 * @param metrics the values of the last step, by name
 * @param sampleShape the shape of one sample, so that the networks can be rebuilt without data
 * @param numClasses the data's number of classes (0 without labels)
 * @param fields the data's batch fields
 * @param trainer the trainer's state
 * @param fieldShapes the shape of one value of each extra field (a paired target image), by
 *     field name
 */
public record CheckpointState(
        @JsonProperty("format") String format,
        @JsonProperty("epoch") int epoch,
        @JsonProperty("engine") String engine,
        @JsonProperty("data") BatchLoader.State data,
        @JsonProperty("spec") JsonNode spec,
        @JsonProperty("metrics") Map<String, Float> metrics,
        @JsonProperty("sample-shape") long[] sampleShape,
        @JsonProperty("num-classes") int numClasses,
        @JsonProperty("fields") List<String> fields,
        @JsonProperty("trainer") TrainerState trainer,
        @JsonProperty("field-shapes") Map<String, long[]> fieldShapes) {

    /** The current format tag: the checkpoint has a {@code manifest.json} of its files. */
    public static final String FORMAT = "gen4j-checkpoint/3";

    /** The format before manifests, read without verifying the files. */
    public static final String UNVERIFIED_FORMAT = "gen4j-checkpoint/2";

    /** The format of checkpoints written before the general training core (GANs only). */
    public static final String LEGACY_GAN_FORMAT = "gen4j-gan-checkpoint/1";

    /** Normalises nulls. */
    public CheckpointState {
        metrics = metrics == null ? Map.of() : metrics;
        fields = fields == null ? List.of("images") : fields;
        fieldShapes = fieldShapes == null ? Map.of() : fieldShapes;
    }

    /** Training steps completed. */
    @JsonIgnore
    public long step() {
        return trainer.step();
    }
}
