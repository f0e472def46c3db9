package org.gen4j.examples.host;

import ai.djl.ndarray.NDArray;
import org.gen4j.core.loss.GanLoss;
import org.gen4j.core.loss.GanLossFactory;
import org.gen4j.core.util.Options;

/**
 * A loss of the host application's own, {@code host-least-squares} (LSGAN, Mao et al. 2017): D
 * minimises (mean((D(x) - 1)^2) + mean(D(G(z))^2)) / 2, G minimises mean((D(G(z)) - 1)^2) / 2.
 */
public final class LeastSquaresLossFactory implements GanLossFactory {

    /** The name under which the host registers it. */
    public static final String NAME = "host-least-squares";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Least-squares GAN (LSGAN), registered by the host application";
    }

    @Override
    public GanLoss create(Options options) {
        options.checkAllUsed();
        return new GanLoss() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits) {
                return realLogits.sub(1f).square().mean().add(fakeLogits.square().mean()).mul(0.5f);
            }

            @Override
            public NDArray generatorLoss(NDArray fakeLogits, NDArray realLogits) {
                return fakeLogits.sub(1f).square().mean().mul(0.5f);
            }
        };
    }
}
