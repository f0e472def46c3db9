package org.gen4j.evaluation;

import com.google.inject.AbstractModule;
import org.gen4j.core.metric.MetricFactory;
import org.gen4j.core.spi.GenBindings;
import org.gen4j.core.spi.GenPlugin;
import org.gen4j.evaluation.features.FeatureNetworkFactories;
import org.gen4j.evaluation.features.FeatureNetworkFactory;
import org.gen4j.evaluation.features.FeatureNetworks;
import org.gen4j.evaluation.metrics.MetricFactories;
import org.gen4j.evaluation.perceptual.PerceptualLossFactory;

/**
 * The evaluation plugin: registers every metric of this module by name ({@code fid}, {@code kid},
 * {@code precision-recall}, {@code density-coverage}, {@code classifier-score},
 * {@code conditional-accuracy}, {@code nll}, {@code bits-per-dim}, {@code mode-coverage},
 * {@code high-quality-share}, {@code psnr}, {@code ssim}); find them with
 * {@link org.gen4j.core.spi.Registry#metric(String)}; and the feature-network plugin kind
 * ({@link FeatureNetworks#KIND}) with its networks ({@code fashion-mnist-classifier}, {@code
 * classifier}, {@code onnx}, {@code torchscript}); and the reconstruction term {@code
 * perceptual}.
 */
public final class EvaluationModule extends AbstractModule implements GenPlugin {

    @Override
    protected void configure() {
        for (MetricFactory factory : MetricFactories.all()) {
            GenBindings.addMetric(binder(), factory);
        }
        GenBindings.addReconstructionLoss(binder(), new PerceptualLossFactory());
        for (FeatureNetworkFactory factory : FeatureNetworkFactories.all()) {
            GenBindings.add(binder(), FeatureNetworks.KIND, factory);
        }
    }
}
