package org.gen4j.core.toy;

import java.util.List;
import org.gen4j.core.optim.OptimizerSpec;
import org.gen4j.core.procedure.NetworkRole;
import org.gen4j.core.procedure.ProcedureFactory;
import org.gen4j.core.procedure.ProcedureSetup;
import org.gen4j.core.procedure.TrainingProcedure;
import org.gen4j.core.spec.SpecKey;
import org.gen4j.core.spi.Registry;

/**
 * Test procedures of the core: {@value #TOY}, a linear autoencoder with input noise, a stateful
 * hook and an optional need for labels, and {@value #MINI}, the same with fewer keys, so that
 * the spec's per-procedure key checks have two procedures to tell apart.
 */
public final class ToyProcedureFactory implements ProcedureFactory {

    /** The full toy. */
    public static final String TOY = "toy";
    /** The toy with only a latent size. */
    public static final String MINI = "toy-mini";
    /** An architecture name the full toy claims when a spec names it as the model. */
    public static final String ARCHITECTURE = "toy-linear";

    static final SpecKey<Integer> LATENT = SpecKey.integer("latent-size", 2, 1, 64,
            "the code size");
    static final SpecKey<Double> NOISE = SpecKey.number("noise", 0.1, 0, 1,
            "the std of the noise added to each input");
    static final SpecKey<Boolean> NEEDS_LABELS = SpecKey.bool("needs-labels", false,
            "whether every batch must carry labels");
    static final SpecKey<Double> EXPLODE_AT = SpecKey.number("explode-at", 0, 0, 1e9,
            "a step from which the loss is NaN (0: never)");

    private final boolean full;

    private ToyProcedureFactory(boolean full) {
        this.full = full;
    }

    /** The full toy. */
    public static ToyProcedureFactory toy() {
        return new ToyProcedureFactory(true);
    }

    /** The small toy. */
    public static ToyProcedureFactory mini() {
        return new ToyProcedureFactory(false);
    }

    @Override
    public String name() {
        return full ? TOY : MINI;
    }

    @Override
    public String description() {
        return "A linear autoencoder for the core's tests";
    }

    @Override
    public List<SpecKey<?>> keys() {
        return full ? List.of(LATENT, NOISE, NEEDS_LABELS, EXPLODE_AT) : List.of(LATENT);
    }

    @Override
    public List<NetworkRole> networks() {
        return List.of(new NetworkRole("encoder", OptimizerSpec.adam(1e-2, 0.9, 0.999),
                "optimizer-e"), NetworkRole.of("decoder", OptimizerSpec.adam(1e-2, 0.9, 0.999)));
    }

    @Override
    public boolean trainsArchitecture(String model, Registry registry) {
        return full && model.equals(ARCHITECTURE);
    }

    @Override
    public TrainingProcedure create(ProcedureSetup setup) {
        var spec = setup.spec();
        return full
                ? new ToyAutoencoder(setup.data(), spec.get(LATENT), spec.get(NOISE).floatValue(),
                        spec.get(NEEDS_LABELS), spec.get(EXPLODE_AT).longValue())
                : new ToyAutoencoder(setup.data(), spec.get(LATENT), 0f, false, 0);
    }
}
