package org.gen4j.core.train;

/**
 * The outcome of one training step (n-critic discriminator updates and one generator update).
 *
 * @param step the step number, 1-based, after this step
 * @param lossD the discriminator's adversarial loss at its last update (without penalties)
 * @param lossG the generator's loss
 * @param penalty the weighted sum of regularizer penalties at the last discriminator update
 */
public record StepResult(long step, float lossD, float lossG, float penalty) {}
