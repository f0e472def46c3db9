/** Evaluation of generative models: metrics as plugins, feature networks, provenance records. */
package org.gen4j.evaluation;
