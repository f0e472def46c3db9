package org.gen4j.core.spi;

import org.gen4j.core.data.DatasetFactory;
import org.gen4j.core.loss.GanLossFactory;
import org.gen4j.core.loss.RegularizerFactory;
import org.gen4j.core.metric.MetricFactory;
import org.gen4j.core.model.DiscriminatorFactory;
import org.gen4j.core.model.GeneratorFactory;

/** The kinds of component a plugin can register, each with its own name space. */
public enum PluginKind {
    LOSS("loss", "losses", GanLossFactory.class),
    REGULARIZER("regularizer", "regularizers", RegularizerFactory.class),
    GENERATOR("generator", "generators", GeneratorFactory.class),
    DISCRIMINATOR("discriminator", "discriminators", DiscriminatorFactory.class),
    DATASET("dataset", "datasets", DatasetFactory.class),
    METRIC("metric", "metrics", MetricFactory.class);

    private final String singular;
    private final String plural;
    private final Class<? extends NamedFactory> factoryType;

    PluginKind(String singular, String plural, Class<? extends NamedFactory> factoryType) {
        this.singular = singular;
        this.plural = plural;
        this.factoryType = factoryType;
    }

    /** The singular noun, as in "Unknown loss 'x'". */
    public String singular() {
        return singular;
    }

    /** The plural noun, as in "Known losses: [...]". */
    public String plural() {
        return plural;
    }

    /** The factory interface registered for this kind. */
    public Class<? extends NamedFactory> factoryType() {
        return factoryType;
    }
}
