package org.gen4j.losses.adversarial;

import ai.djl.ndarray.NDArray;
import java.util.Objects;
import java.util.function.BiFunction;
import org.gen4j.core.loss.GanLoss;

/** A loss made of its two functions; the factories of this package build them. */
final class SimpleGanLoss implements GanLoss {

    private final String name;
    private final BiFunction<NDArray, NDArray, NDArray> discriminator;
    private final BiFunction<NDArray, NDArray, NDArray> generator;
    private final boolean needsReal;

    /**
     * A loss.
     *
     * @param discriminator (real, fake) to the discriminator loss
     * @param generator (fake, real or null) to the generator loss
     */
    SimpleGanLoss(String name, BiFunction<NDArray, NDArray, NDArray> discriminator,
            BiFunction<NDArray, NDArray, NDArray> generator, boolean needsReal) {
        this.name = Objects.requireNonNull(name);
        this.discriminator = discriminator;
        this.generator = generator;
        this.needsReal = needsReal;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits) {
        return discriminator.apply(realLogits, fakeLogits);
    }

    @Override
    public NDArray generatorLoss(NDArray fakeLogits, NDArray realLogits) {
        if (needsReal && realLogits == null) {
            throw new IllegalArgumentException(name + " needs the real logits for the generator"
                    + " loss, got null");
        }
        return generator.apply(fakeLogits, realLogits);
    }

    @Override
    public boolean generatorNeedsRealLogits() {
        return needsReal;
    }
}
