package org.gen4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.procedure.Picture;
import org.gen4j.core.procedure.SampleRequest;
import org.gen4j.core.procedure.TrainingProcedure;

/**
 * Trains one {@link TrainingProcedure}: owns its networks' parameters, one optimizer per network,
 * the learning-rate schedule, the named random streams and the step count, and saves all of it
 * for exact resume. It knows nothing of the family it trains.
 *
 * <p>{@link ProcedureTrainer#create} builds one from a spec; {@link TrainingRun} adds the run
 * folder, metrics, pictures, the report and checkpoints around it. A trainer is also usable alone,
 * with any source of batches.
 */
public interface Trainer extends AutoCloseable {

    /** The procedure being trained. */
    TrainingProcedure procedure();

    /** Steps completed. */
    long stepCount();

    /**
     * Runs one step: sets the schedule's learning-rate factor, lets the procedure step in a
     * sub-manager that is closed afterwards, reads the reported values once and checks them.
     *
     * @throws NonFiniteLossException if a value is NaN or infinite; the networks are then not
     *     to be trusted, and nothing of this step should be checkpointed
     */
    StepResult step(Batches batches);

    /**
     * Draws samples in inference mode.
     *
     * @param manager the manager that will own the result
     */
    NDArray sample(NDManager manager, SampleRequest request);

    /**
     * The procedure's epoch pictures, drawn in inference mode.
     *
     * @param data the run's data, for pictures drawn from real samples (reconstructions), or
     *     null
     */
    List<Picture> pictures(NDManager manager, int sampleCount, SampleSet data);

    /** A network's block. */
    Block network(String name);

    /** The store the networks' parameters are read through. */
    ParameterStore parameterStore();

    /** The manager owning the parameters; for tests that check the array count. */
    NDManager manager();

    /**
     * Writes the networks, the optimizers and the procedure's arrays into {@code dir} (each file
     * atomically) and returns the rest of the state. The caller writes {@code state.json} and
     * publishes the folder.
     */
    TrainerState save(Path dir) throws IOException;

    /**
     * Restores what {@link #save} wrote.
     *
     * @throws IOException if a file is missing or does not fit these networks
     */
    void restore(Path dir, TrainerState state) throws IOException;

    /** Frees the parameters and the optimizers' state. */
    @Override
    void close();
}
