package org.gen4j.core.procedure;

import java.util.Objects;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.util.Options;

/**
 * What a {@link ProcedureFactory} gets to build the procedure of one run.
 *
 * @param spec the resolved spec; the procedure reads its own keys with {@link RunSpec#get}
 * @param registry where the procedure finds its architectures, losses and regularizers by name
 * @param data the data the run trains on, or the data a checkpoint was trained on
 */
public record ProcedureSetup(RunSpec spec, Registry registry, DataInfo data) {

    /** Validates. */
    public ProcedureSetup {
        Objects.requireNonNull(spec, "spec is null");
        Objects.requireNonNull(registry, "registry is null");
        Objects.requireNonNull(data, "data is null");
    }

    /**
     * The spec's {@code model-options} as the options of one component, read with range checks;
     * {@code owner} names it in messages ("model 'dcgan'").
     */
    public Options modelOptions(String owner) {
        return new Options(owner, spec.modelOptions());
    }
}
