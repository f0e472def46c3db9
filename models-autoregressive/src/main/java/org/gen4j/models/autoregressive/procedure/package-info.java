/** The {@code autoregressive} procedure: training, exact likelihood and sampling. */
package org.gen4j.models.autoregressive.procedure;
