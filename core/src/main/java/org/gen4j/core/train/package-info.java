/**
 * The run machinery every training procedure shares: the {@link org.gen4j.core.train.Trainer}
 * contract and its {@link org.gen4j.core.train.ProcedureTrainer}, the run folder ({@link
 * org.gen4j.core.train.TrainingRun}), checkpoints and exact resume, and {@link
 * org.gen4j.core.train.TrainedModel} for sampling from a checkpoint.
 */
package org.gen4j.core.train;
