/**
 * Feature networks: what metrics (FID, KID, precision/recall, the classifier score, the accuracy
 * of conditional samples) compute their statistics on.
 *
 * <p>{@link org.gen4j.evaluation.features.FeatureNetwork} is the extension point: implement it to
 * evaluate on other data. gen4j ships {@link org.gen4j.evaluation.features.FashionMnistClassifier},
 * a compact CNN ({@link org.gen4j.evaluation.features.ClassifierNetwork}) that gen4j trains itself
 * ({@link org.gen4j.evaluation.features.ClassifierTraining}, {@code gen4j train-classifier}),
 * with its weights and {@link org.gen4j.evaluation.features.ClassifierProvenance} as resources.
 */
package org.gen4j.evaluation.features;
