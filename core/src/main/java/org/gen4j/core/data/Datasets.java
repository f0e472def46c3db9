package org.gen4j.core.data;

import java.util.List;

/** The data sets built into the core, registered by {@link org.gen4j.core.spi.CoreModule}. */
public final class Datasets {

    private Datasets() {}

    /**
     * The built-in named data sets: {@value FashionMnist#SAMPLE_NAME} (embedded), {@value
     * FashionMnist#FULL_NAME} (from a folder), {@value GaussianMixture#RING_NAME} and {@value
     * GaussianMixture#GRID_NAME} (synthetic). Each call returns new factory instances.
     */
    public static List<DatasetFactory> builtIn() {
        return List.of(
                FashionMnist.sampleFactory(),
                FashionMnist.fullFactory(),
                GaussianMixture.ringFactory(),
                GaussianMixture.gridFactory());
    }
}
