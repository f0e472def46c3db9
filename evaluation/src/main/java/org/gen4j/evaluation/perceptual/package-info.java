/** The perceptual reconstruction term, on the evaluation module's feature network. */
package org.gen4j.evaluation.perceptual;
