package org.gen4j.core.procedure;

import java.util.List;
import org.gen4j.core.model.LikelihoodModel;
import org.gen4j.core.util.Options;

/**
 * A procedure whose trained networks give a likelihood of data: exactly (an autoregressive
 * model) or through bounds and estimates (a VAE's ELBO and its importance-weighted estimate). The
 * {@code nll} and {@code bits-per-dim} metrics score a checkpoint through it.
 */
public interface LikelihoodProcedure {

    /** The estimators it offers, by name ({@code exact}; {@code elbo}, {@code iwae}). */
    List<String> likelihoodEstimators();

    /**
     * A likelihood model on the networks of {@code context}, usable while the context's networks
     * live.
     *
     * @param estimator one of {@link #likelihoodEstimators()}
     * @param options the estimator's options (for example {@code samples} and {@code seed})
     * @throws IllegalArgumentException for an unknown estimator or option
     */
    LikelihoodModel likelihood(SampleContext context, String estimator, Options options);
}
