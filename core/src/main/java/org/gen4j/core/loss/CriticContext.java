package org.gen4j.core.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import java.util.function.Function;
import org.gen4j.core.model.Discriminator;
import org.gen4j.core.random.RandomStream;

/**
 * What a regularizer sees during one discriminator update.
 *
 * @param discriminator the network being updated
 * @param parameterStore the store its forward pass uses
 * @param real the real batch, {@code (N, ...)}
 * @param fake the generated batch, {@code (N, ...)}, detached from the generator
 * @param forward runs the discriminator in training mode on a batch and returns its logits
 * @param random a stream for this one critic update (interpolation weights, perturbations),
 *     derived from the run's seed, the step and the critic iteration: a resumed run draws what a
 *     straight run would have drawn
 */
public record CriticContext(
        Discriminator discriminator,
        ParameterStore parameterStore,
        NDArray real,
        NDArray fake,
        Function<NDArray, NDList> forward,
        RandomStream random) {}
