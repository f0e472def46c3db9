package org.gen4j.core.procedure;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Set;
import java.util.function.Supplier;
import org.gen4j.core.random.RandomStream;

/**
 * What one training step works with, given by the trainer to {@link TrainingProcedure#step}.
 *
 * <p>Everything a step creates belongs to {@link #manager()}, which the trainer closes when the
 * step ends, so the array count stays constant over a run. A step updates its networks through
 * {@link #update}: one gradient collection per update (DJL allows one open at a time), every
 * other network frozen during it, then one optimizer step per updated network.
 */
public interface StepContext {

    /** The number of this step, from 1. */
    long step();

    /**
     * The steps the run trains to, for a schedule of the procedure's own (ProGAN's growth); a
     * resumed run that trains longer reports its new total.
     */
    long totalSteps();

    /** The manager of this step's arrays. */
    NDManager manager();

    /** The store the networks' parameters are read through. */
    ParameterStore parameterStore();

    /**
     * The next batch of the data, as arrays in {@link #manager()}. A step may call it up to
     * {@link TrainingProcedure#batchesPerStep()} times.
     */
    StepBatch nextBatch();

    /** Runs a network in training mode (BatchNorm with batch statistics, dropout on). */
    NDList forward(String network, NDList inputs);

    /**
     * One update of some networks: computes {@code loss} inside a gradient collection while every
     * other network is frozen (so no gradient reaches it, on an engine that accumulates or one
     * that overwrites), back-propagates it, and steps each named network's optimizer.
     *
     * @param loss computes the scalar loss; it runs inside the collection
     * @param networks the networks to step, at least one
     * @return the loss, for the step's outcome
     */
    default NDArray update(Supplier<NDArray> loss, String... networks) {
        return update(loss, Set.of(), networks);
    }

    /**
     * One update of some networks, as {@link #update(Supplier, String...)}, with the networks of
     * {@code recorded} left unfrozen though not stepped: what they compute inside {@code loss}
     * keeps its graph, so that a later update of the same step can back-propagate through it
     * instead of running them again. A GAN's generator update reuses the fakes of its
     * discriminator update this way, as the usual PyTorch step does. This update's loss must
     * reach a recorded network's outputs only through {@code stopGradient}, so that its backward
     * pass leaves them (and their networks' gradients) alone.
     *
     * @param loss computes the scalar loss; it runs inside the collection
     * @param recorded networks that record their graph but are not stepped; may be empty
     * @param networks the networks to step, at least one, none of them in {@code recorded}
     * @return the loss, for the step's outcome
     */
    NDArray update(Supplier<NDArray> loss, Set<String> recorded, String... networks);

    /**
     * A named random stream that lives through the run: derived from the seed on first use,
     * saved with every checkpoint and restored on resume (latent noise, class draws).
     */
    RandomStream stream(String name);

    /**
     * A stream for one purpose in this step only, derived from the seed, the purpose, the step
     * number and an index within the step (the critic update a penalty's interpolation weights
     * are for): a resumed run draws what a straight run would. It is {@code
     * RandomStream.derive(seed, purpose + "/" + step + "/" + index)}.
     */
    RandomStream stepStream(String purpose, int index);

    /** Standard normal values from a named stream, as an array of {@code shape} in the manager. */
    NDArray gaussian(String stream, Shape shape);
}
