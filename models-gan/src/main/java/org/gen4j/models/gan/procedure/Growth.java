package org.gen4j.models.gan.procedure;

import java.util.List;
import org.gen4j.core.procedure.ProcedureState;
import org.gen4j.models.gan.progan.ProGan;

/**
 * ProGAN's growth schedule: with n stages and P steps per phase, the phases are stage 0 stable,
 * then for each further stage a fade-in and a stable phase, {@code 2n - 1} in all; the last
 * stable phase runs to the end. In a fade-in, alpha rises linearly from 1/P to 1 over its P
 * steps. P is {@code phase-steps}, or when that is 0 the run's total steps divided into the
 * {@code 2n - 1} phases, fixed at the first step.
 *
 * <p>P and the last step's position are saved with every checkpoint, so a resumed run continues
 * inside its phase, and one resumed for more steps keeps the phases it had (the last stage
 * runs longer) rather than stretching them.
 */
final class Growth {

    private final List<ProGan.Grown> networks;
    private final int stages;
    private final long configuredPhaseSteps;
    private long phaseSteps;
    private long step;

    /**
     * @param networks the generator and the discriminator
     * @param phaseSteps the steps per phase, or 0 to split the run's steps evenly
     */
    Growth(List<ProGan.Grown> networks, long phaseSteps) {
        this.networks = List.copyOf(networks);
        this.stages = networks.get(0).stages();
        this.configuredPhaseSteps = phaseSteps;
    }

    /** Sets every network to the stage and alpha of {@code step} (from 1). */
    void at(long step, long totalSteps) {
        if (phaseSteps == 0) {
            phaseSteps = configuredPhaseSteps > 0 ? configuredPhaseSteps
                    : Math.max(1, totalSteps / (2L * stages - 1));
        }
        this.step = step;
        apply();
    }

    private void apply() {
        int stage = stage(step, phaseSteps, stages);
        float alpha = alpha(step, phaseSteps, stages);
        for (ProGan.Grown n : networks) {
            n.grow(stage, alpha);
        }
    }

    /** The stage of a step (from 1). */
    static int stage(long step, long phaseSteps, int stages) {
        long phase = Math.min((step - 1) / phaseSteps, 2L * stages - 2);
        return (int) ((phase + 1) / 2);
    }

    /** The fade-in weight of a step: in (0, 1] during a fade-in, 1 otherwise. */
    static float alpha(long step, long phaseSteps, int stages) {
        long i = step - 1;
        long phase = Math.min(i / phaseSteps, 2L * stages - 2);
        if (phase % 2 == 0) {
            return 1f;
        }
        return (float) ((double) (i - phase * phaseSteps + 1) / phaseSteps);
    }

    void save(ProcedureState.Writer writer) {
        writer.put("progan-phase-steps", phaseSteps);
        writer.put("progan-step", step);
        if (phaseSteps > 0) {
            writer.put("progan-stage", stage(step, phaseSteps, stages));
            writer.put("progan-alpha", alpha(step, phaseSteps, stages));
        }
    }

    void restore(ProcedureState.Reader reader) {
        phaseSteps = reader.get("progan-phase-steps").asLong();
        step = reader.get("progan-step").asLong();
        if (phaseSteps > 0 && step > 0) {
            apply();
        }
    }
}
