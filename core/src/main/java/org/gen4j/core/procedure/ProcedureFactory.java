package org.gen4j.core.procedure;

import java.util.List;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spec.SpecKey;
import org.gen4j.core.spi.NamedFactory;
import org.gen4j.core.spi.Registry;

/**
 * A training procedure: a plugin kind, registered by name ({@code gan}, {@code cgan}, and the
 * families that plug in later: {@code vae}, {@code pixelcnn}, {@code cyclegan}, ...).
 *
 * <p>The factory is what the spec and the command line see before anything is built: the keys
 * the procedure reads, the networks it trains (each gets an optimizer under {@code
 * optimizers.<network>}), and which architecture names it trains when a spec's {@code model}
 * names an architecture rather than a procedure. {@link #create} then builds the procedure of one
 * run; the run machinery ({@code org.gen4j.core.train}) does everything else.
 */
public interface ProcedureFactory extends NamedFactory {

    /**
     * The spec keys this procedure reads beyond {@link org.gen4j.core.spec.CommonKeys}: any
     * other key in a spec of this procedure is an error naming these.
     */
    List<SpecKey<?>> keys();

    /** The networks this procedure trains, in initialisation order, with their optimizers. */
    List<NetworkRole> networks();

    /**
     * Whether this procedure trains the architecture {@code model} when a spec names it as the
     * model (the {@code gan} procedure trains every registered generator, so {@code model:
     * dcgan} means {@code procedure: gan}). Exactly one procedure may claim a name.
     */
    default boolean trainsArchitecture(String model, Registry registry) {
        return false;
    }

    /**
     * Completes a resolved spec before it is stored: writes out values that depend on other
     * plugins (a regularizer's default weight) and checks names against the registry, so that a
     * mistake fails before anything is built. Returns the spec unchanged by default.
     *
     * @throws IllegalArgumentException naming the key and the known values
     */
    default RunSpec complete(RunSpec spec, Registry registry) {
        return spec;
    }

    /**
     * Builds the procedure of one run: its networks (uninitialised), losses and state.
     *
     * @throws IllegalArgumentException if the spec or the data does not fit (an architecture
     *     that cannot take the data's shape, labels the data lacks)
     */
    TrainingProcedure create(ProcedureSetup setup);
}
