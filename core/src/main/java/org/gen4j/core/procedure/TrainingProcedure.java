package org.gen4j.core.procedure;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gen4j.core.random.RandomStream;

/**
 * How one family trains: the networks, what a batch must hold, one step, and sampling. The run
 * machinery ({@code org.gen4j.core.train}: the trainer, the run folder, checkpoints, exact resume,
 * progress, metrics, pictures and the report) serves every procedure unchanged and never branches
 * on the family.
 *
 * <p>A procedure is built by its {@link ProcedureFactory} for one run. It owns no native memory
 * of its own: the trainer initialises, saves and frees the networks it declares, and gives each
 * step a {@link StepContext} whose arrays are freed when the step ends.
 */
public interface TrainingProcedure {

    /** The networks, in the order of {@link ProcedureFactory#networks()}. */
    List<Network> networks();

    /** The fields every batch must carry; data without one is refused before training. */
    default Set<BatchField> requiredFields() {
        return Set.of(BatchField.IMAGES);
    }

    /** Batches one step reads ({@code n-critic} for a GAN): an epoch has batches / this steps. */
    default int batchesPerStep() {
        return 1;
    }

    /**
     * The names of the values each step reports, lower-case with underscores ({@code loss_d},
     * {@code loss_g}, {@code penalty}): the columns of {@code metrics.csv} and the report's
     * curves.
     */
    List<String> metrics();

    /**
     * Checks before the first step, with the networks initialised, that everything can run on the
     * engine in use (a penalty's input-gradient route); nothing by default.
     *
     * @throws UnsupportedOperationException with the reason and the way out
     */
    default void check(SampleContext context) {}

    /**
     * Runs one training step.
     *
     * @return the values named by {@link #metrics()}
     */
    StepOutcome step(StepContext context);

    /**
     * Draws samples in inference mode.
     *
     * @return {@code (count, sampleShape...)} in the context's manager; images in [-1, 1]
     * @throws IllegalArgumentException if the request asks for classes this procedure does not
     *     have
     */
    NDArray sample(SampleContext context, SampleRequest request);

    /** The number of classes samples can be conditioned on; 0 for an unconditional procedure. */
    default int numClasses() {
        return 0;
    }

    /**
     * The pictures shown after every epoch. By default: a grid of {@code sample-count} samples
     * from the fixed stream {@code grid}, or for 2-D points a scatter plot of 1,000 samples from
     * the fixed stream {@code scatter}.
     */
    default List<Picture> pictures(PictureContext context, DataInfo data) {
        if (data.sampleShape().dimension() == 1) {
            NDArray points = sample(context, SampleRequest.of(1000, context.fixed("scatter")));
            return List.of(Picture.grid(Picture.SAMPLES, "1,000 samples", points, 0));
        }
        RandomStream grid = context.fixed("grid");
        NDArray images = sample(context, SampleRequest.of(context.sampleCount(), grid));
        return List.of(Picture.grid(Picture.SAMPLES, "samples", images, 0));
    }

    /** The procedure's own state for checkpoints, if it has any beyond networks and streams. */
    default Optional<ProcedureState> state() {
        return Optional.empty();
    }
}
