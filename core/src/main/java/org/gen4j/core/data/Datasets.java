package org.gen4j.core.data;

import java.util.List;

/** The data sets built into the core, registered by {@link org.gen4j.core.spi.CoreModule}. */
public final class Datasets {

    private Datasets() {}

    /** The built-in named data sets. */
    public static List<DatasetFactory> builtIn() {
        return List.of();
    }
}
