package org.gen4j.core.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.gen4j.core.data.BatchLoader;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.nn.FrozenForward;
import org.gen4j.core.optim.NamedParameter;
import org.gen4j.core.procedure.BatchField;
import org.gen4j.core.procedure.PictureContext;
import org.gen4j.core.procedure.SampleContext;
import org.gen4j.core.procedure.StepBatch;
import org.gen4j.core.procedure.StepContext;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.engine.HostArrays;

/** The contexts a {@link ProcedureTrainer} hands its procedure: one step, sampling, pictures. */
final class TrainerContexts {

    private TrainerContexts() {}

    /** Sampling in inference mode, with results in a caller's manager. */
    static class Sample implements SampleContext {

        final ProcedureTrainer trainer;
        final NDManager manager;

        Sample(ProcedureTrainer trainer, NDManager manager) {
            this.trainer = trainer;
            this.manager = manager;
        }

        @Override
        public NDManager manager() {
            return manager;
        }

        @Override
        public ParameterStore parameterStore() {
            return trainer.parameterStore();
        }

        @Override
        public NDList forward(String network, NDList inputs) {
            return trainer.network(network).forward(trainer.parameterStore(), inputs, false);
        }

        @Override
        public SampleContext frozen() {
            Sample outer = this;
            return new SampleContext() {
                @Override
                public NDManager manager() {
                    return outer.manager();
                }

                @Override
                public ParameterStore parameterStore() {
                    return outer.parameterStore();
                }

                @Override
                public NDList forward(String network, NDList inputs) {
                    return FrozenForward.forward(trainer.network(network),
                            trainer.parameterStore(), inputs);
                }
            };
        }
    }

    /** Epoch pictures: sampling with streams that repeat every epoch. */
    static final class Pictures extends Sample implements PictureContext {

        private final int sampleCount;
        private final SampleSet data;

        Pictures(ProcedureTrainer trainer, NDManager manager, int sampleCount, SampleSet data) {
            super(trainer, manager);
            this.sampleCount = sampleCount;
            this.data = data;
        }

        @Override
        public int sampleCount() {
            return sampleCount;
        }

        @Override
        public RandomStream fixed(String purpose) {
            return RandomStream.derive(trainer.seed(), purpose);
        }

        @Override
        public Optional<StepBatch> dataSamples(int count) {
            if (data == null || count < 1) {
                return Optional.empty();
            }
            int n = Math.min(count, data.size());
            int per = Math.toIntExact(data.sampleShape().size());
            float[] values = new float[n * per];
            int[] labels = data.hasLabels() ? new int[n] : null;
            for (int i = 0; i < n; i++) {
                data.copySample(i, values, i * per);
                if (labels != null) {
                    labels[i] = data.label(i);
                }
            }
            Map<BatchField, NDArray> fields = new LinkedHashMap<>();
            fields.put(BatchField.IMAGES, HostArrays.create(manager, values,
                    new Shape(n).addAll(data.sampleShape())));
            if (labels != null) {
                fields.put(BatchField.LABELS, HostArrays.create(manager, labels));
            }
            for (Map.Entry<BatchField, Shape> f : data.fieldShapes().entrySet()) {
                int size = Math.toIntExact(f.getValue().size());
                float[] field = new float[n * size];
                for (int i = 0; i < n; i++) {
                    data.copyField(f.getKey(), i, 0, field, i * size);
                }
                fields.put(f.getKey(), HostArrays.create(manager,
                        field, new Shape(n).addAll(f.getValue())));
            }
            return Optional.of(new StepBatch(fields, data.description()));
        }
    }

    /** One training step. */
    static final class Step implements StepContext {

        private final ProcedureTrainer trainer;
        private final NDManager manager;
        /** Networks recorded by an update of this step and not stepped since. */
        private final Set<String> recordedSinceStep = new HashSet<>();
        private final long step;
        private final Batches batches;
        private final String source;

        Step(ProcedureTrainer trainer, NDManager manager, long step, Batches batches,
                String source) {
            this.trainer = trainer;
            this.manager = manager;
            this.step = step;
            this.batches = batches;
            this.source = source;
        }

        @Override
        public long step() {
            return step;
        }

        @Override
        public long totalSteps() {
            return trainer.totalSteps();
        }

        @Override
        public NDManager manager() {
            return manager;
        }

        @Override
        public ParameterStore parameterStore() {
            return trainer.parameterStore();
        }

        @Override
        public StepBatch nextBatch() {
            BatchLoader.Batch b = batches.next();
            Map<BatchField, NDArray> fields = new LinkedHashMap<>();
            fields.put(BatchField.IMAGES, HostArrays.create(manager, b.data(), b.shape()));
            if (b.labels() != null) {
                fields.put(BatchField.LABELS, HostArrays.create(manager, b.labels()));
            }
            int n = b.size();
            for (Map.Entry<BatchField, float[]> f : b.fields().entrySet()) {
                long per = f.getValue().length / n;
                Shape shape = trainer.data().shapeOf(f.getKey());
                if (shape.size() != per) {
                    throw new IllegalStateException("field " + f.getKey() + " of " + source
                            + " has " + per + " values per sample, expected " + shape);
                }
                fields.put(f.getKey(), HostArrays.create(manager,
                        f.getValue(), new Shape(n).addAll(shape)));
            }
            return new StepBatch(fields, source);
        }

        @Override
        public NDList forward(String network, NDList inputs) {
            return trainer.network(network).forward(trainer.parameterStore(), inputs, true);
        }

        @Override
        public NDArray update(Supplier<NDArray> loss, Set<String> recorded, String... networks) {
            if (networks.length == 0) {
                throw new IllegalArgumentException("update needs at least one network to step");
            }
            Set<String> updated = Set.of(networks);
            for (String n : networks) {
                trainer.optimizer(n);
                if (recorded.contains(n)) {
                    throw new IllegalArgumentException("network '" + n + "' is both stepped and"
                            + " only recorded in one update; name it once");
                }
            }
            for (String n : recorded) {
                trainer.network(n);
            }
            Set<String> unfrozen = new HashSet<>(updated);
            unfrozen.addAll(recorded);
            Map<String, List<NamedParameter>> all = trainer.allParameters();
            setFrozen(all, unfrozen, true);
            NDArray value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                value = loss.get();
                gc.backward(value);
            } finally {
                setFrozen(all, unfrozen, false);
            }
            recordedSinceStep.addAll(recorded);
            for (String n : networks) {
                trainer.optimizer(n).step(trainer.parameters(n));
                if (recordedSinceStep.remove(n)) {
                    refreshGradients(trainer.parameters(n));
                }
            }
            return value;
        }

        /**
         * Fresh zero gradients for a network that was recorded, not frozen, in an earlier update
         * of this step. Freezing a network and thawing it gives it new zero gradients, which
         * every other network gets once a step; MXNet writes only the gradients its backward
         * pass computes, so without this a parameter the pass did not reach (a layer ProGAN has
         * grown past) would carry its last gradient into every later update.
         */
        private static void refreshGradients(List<NamedParameter> parameters) {
            for (NamedParameter p : parameters) {
                p.parameter().freeze(true);
                p.parameter().freeze(false);
            }
        }

        private static void setFrozen(Map<String, List<NamedParameter>> all, Set<String> keep,
                boolean frozen) {
            for (Map.Entry<String, List<NamedParameter>> e : all.entrySet()) {
                if (keep.contains(e.getKey())) {
                    continue;
                }
                for (NamedParameter p : e.getValue()) {
                    p.parameter().freeze(frozen);
                }
            }
        }

        @Override
        public RandomStream stream(String name) {
            return trainer.stream(name);
        }

        @Override
        public RandomStream stepStream(String purpose, int index) {
            return RandomStream.derive(trainer.seed(), purpose + "/" + step + "/" + index);
        }

        @Override
        public NDArray gaussian(String stream, Shape shape) {
            float[] z = new float[Math.toIntExact(shape.size())];
            trainer.stream(stream).fillGaussian(z, 1f);
            return HostArrays.create(manager, z, shape);
        }
    }
}
