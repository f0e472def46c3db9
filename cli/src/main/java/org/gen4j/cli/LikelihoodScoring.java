package org.gen4j.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.metric.MetricInput;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.train.HeldOutData;
import org.gen4j.core.train.TrainedModel;
import org.gen4j.core.util.Options;
import org.gen4j.evaluation.Evaluator;
import org.gen4j.evaluation.report.EvaluationReport;

/**
 * The likelihood half of {@code gen4j evaluate --run}: {@code nll} and {@code bits-per-dim} of
 * the run's held-out data (the test split of its data, binarised the fixed way where the run
 * binarised), under every likelihood estimate the model's procedure offers (a VAE: its ELBO and
 * its importance-weighted estimate).
 */
final class LikelihoodScoring {

    private LikelihoodScoring() {}

    /** Whether a metric needs a likelihood model. */
    static boolean isLikelihoodMetric(Registry registry, String name) {
        return registry.metric(name).create(Options.empty("metric '" + name + "'")).inputs()
                .contains(MetricInput.LIKELIHOOD_MODEL);
    }

    static EvaluationReport.Builder score(Registry registry, TrainedModel model,
            Map<String, Map<String, Object>> metrics, List<String> estimators,
            int importanceSamples, int limit, long seed, EvaluationReport.Builder report) {
        List<String> offered = model.likelihoodEstimators();
        if (offered.isEmpty()) {
            throw new IllegalArgumentException("metrics " + metrics.keySet() + " need a"
                    + " likelihood, but procedure '" + model.spec().procedure() + "' of "
                    + model.checkpoint() + " gives none (vae, cvae and the autoregressive"
                    + " procedures do)");
        }
        List<String> chosen = estimators == null || estimators.isEmpty() ? offered : estimators;
        for (String e : chosen) {
            if (!offered.contains(e)) {
                throw new IllegalArgumentException("--estimator " + e + ": procedure '"
                        + model.spec().procedure() + "' offers " + offered);
            }
        }
        SampleSet heldOut = HeldOutData.first(HeldOutData.testSplit(model.spec(), registry),
                limit);
        EvaluationReport.Builder out = report;
        for (String e : chosen) {
            Map<String, Object> options = new HashMap<>();
            options.put("seed", seed);
            if (e.equals("iwae")) {
                options.put("samples", importanceSamples);
            }
            out = Evaluator.evaluateLikelihood(registry, metrics, model.likelihood(e, options),
                    heldOut, seed, out);
        }
        return out;
    }
}
