package org.gen4j.models.gan.procedure;

import java.util.Optional;
import org.gen4j.core.procedure.ProcedureState;
import org.gen4j.core.procedure.WeightAverage;

/** The state a GAN procedure saves with its checkpoints: its weight average and ProGAN's growth. */
final class GanState implements ProcedureState {

    private final WeightAverage average;
    private final Growth growth;

    private GanState(WeightAverage average, Growth growth) {
        this.average = average;
        this.growth = growth;
    }

    /** The state of the parts a run has; empty when it has neither. */
    static Optional<ProcedureState> of(WeightAverage average, Growth growth) {
        return average == null && growth == null ? Optional.empty()
                : Optional.of(new GanState(average, growth));
    }

    @Override
    public void save(Writer writer) {
        if (average != null) {
            average.save(writer);
        }
        if (growth != null) {
            growth.save(writer);
        }
    }

    @Override
    public void restore(Reader reader) {
        if (average != null) {
            average.restore(reader);
        }
        if (growth != null) {
            growth.restore(reader);
        }
    }
}
