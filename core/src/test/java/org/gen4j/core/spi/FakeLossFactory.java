package org.gen4j.core.spi;

import ai.djl.ndarray.NDArray;
import org.gen4j.core.loss.GanLoss;
import org.gen4j.core.loss.GanLossFactory;
import org.gen4j.core.util.Options;

/**
 * A loss factory for SPI tests, registered under any name. It has no {@code equals}, as real
 * factories do not: two instances with one name are two registrations.
 */
final class FakeLossFactory implements GanLossFactory {

    private final String name;

    FakeLossFactory(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "A fake loss for SPI tests";
    }

    @Override
    public GanLoss create(Options options) {
        double scale = options.getDouble("scale", 1.0, 0.0, 10.0);
        options.checkAllUsed();
        return new GanLoss() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits) {
                return fakeLogits.sub(realLogits).mean().mul(scale);
            }

            @Override
            public NDArray generatorLoss(NDArray fakeLogits, NDArray realLogits) {
                return fakeLogits.neg().mean().mul(scale);
            }
        };
    }
}
