package org.gen4j.evaluation.perceptual;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.nio.file.Path;
import org.gen4j.core.loss.ReconstructionLoss;
import org.gen4j.core.loss.ReconstructionLossFactory;
import org.gen4j.core.util.Options;
import org.gen4j.evaluation.features.FashionMnistClassifier;

/**
 * The reconstruction term {@value #NAME}: the mean squared difference between the features a
 * classifier network gives a prediction and its target (Johnson et al. 2016's feature
 * reconstruction loss; SRGAN's content loss uses VGG features the same way). The network is
 * gen4j's shipped Fashion-MNIST classifier, or a user's network written by {@code gen4j
 * train-classifier} (option {@code weights}, its {@code .params} file); it takes images of its
 * input shape, {@code (1, 28, 28)} for the shipped one.
 *
 * <p>The prediction and the target go through the network in one pass (the target without a
 * gradient), which keeps MXNet with MKL-DNN on a single pass of its BatchNorm layers. The
 * network is loaded on first use and kept for the life of the term.
 */
public final class PerceptualLossFactory implements ReconstructionLossFactory {

    /** The registered name. */
    public static final String NAME = "perceptual";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Mean squared difference of classifier features (the shipped Fashion-MNIST"
                + " classifier, or option weights=FILE.params of gen4j train-classifier)";
    }

    @Override
    public ReconstructionLoss create(Options options) {
        String weights = options.getString("weights", null);
        options.checkAllUsed();
        return new Perceptual(weights == null ? null : Path.of(weights));
    }

    /** The term over one loaded network. */
    private static final class Perceptual implements ReconstructionLoss {
        private final Path weights;
        private FashionMnistClassifier network;

        Perceptual(Path weights) {
            this.weights = weights;
        }

        @Override
        public String name() {
            return NAME;
        }

        private synchronized FashionMnistClassifier network() {
            if (network == null) {
                network = weights == null ? FashionMnistClassifier.load()
                        : FashionMnistClassifier.load(weights);
            }
            return network;
        }

        @Override
        public NDArray perSample(NDArray prediction, NDArray target) {
            if (!prediction.getShape().equals(target.getShape())) {
                throw new IllegalArgumentException(NAME + ": prediction " + prediction.getShape()
                        + " and target " + target.getShape() + " differ in shape");
            }
            long n = prediction.getShape().get(0);
            NDArray features = network().differentiableFeatures(
                    prediction.concat(target.stopGradient(), 0));
            NDArray p = features.get(new NDIndex("0:{}", n));
            NDArray t = features.get(new NDIndex("{}:", n));
            return p.sub(t).square().mean(new int[] {1});
        }
    }
}
