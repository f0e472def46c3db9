package org.gen4j.core.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.gen4j.core.random.RandomStream;

/**
 * What a {@link Trainer} writes into a checkpoint besides its files: the step, which file holds
 * each network and optimizer, the random streams, and the procedure's own state.
 *
 * @param step training steps completed
 * @param procedure the procedure's name
 * @param networks network name to parameter file, in the checkpoint folder
 * @param optimizers network name to optimizer-state file
 * @param streams the named random streams
 * @param procedureState the procedure's values ({@link
 *     org.gen4j.core.procedure.ProcedureState.Writer#put}), or null
 * @param stateFiles the procedure's array files by name
 */
public record TrainerState(
        @JsonProperty("step") long step,
        @JsonProperty("procedure") String procedure,
        @JsonProperty("networks") Map<String, String> networks,
        @JsonProperty("optimizers") Map<String, String> optimizers,
        @JsonProperty("streams") Map<String, RandomStream.State> streams,
        @JsonProperty("procedure-state") JsonNode procedureState,
        @JsonProperty("state-files") Map<String, String> stateFiles) {

    /** Normalises nulls. */
    public TrainerState {
        networks = networks == null ? Map.of() : networks;
        optimizers = optimizers == null ? Map.of() : optimizers;
        streams = streams == null ? Map.of() : streams;
        stateFiles = stateFiles == null ? Map.of() : stateFiles;
    }
}
