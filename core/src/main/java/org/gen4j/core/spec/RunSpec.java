package org.gen4j.core.spec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gen4j.core.optim.OptimizerSpec;
import org.gen4j.core.optim.ScheduleSpec;
import org.gen4j.core.spi.Registry;

/**
 * Everything that defines a training run, resolved and validated; saved with every checkpoint as
 * its provenance.
 *
 * <p>A spec holds the {@link CommonKeys common keys}, the keys of its training procedure (each a
 * {@link SpecKey} the procedure declares, read with {@link #get}), one optimizer per network the
 * procedure trains ({@link #optimizer}) and a learning-rate {@link #schedule}. Specs are made by
 * {@link SpecLoader} from files and command-line values, or in code by the validating {@link
 * #builder()}:
 *
 * <pre>{@code
 * RunSpec spec = RunSpec.builder()
 *         .setModel("dcgan")
 *         .optSteps(200)
 *         .optOptimizer("discriminator", OptimizerSpec.adam(1e-4, 0, 0.9))
 *         .opt("n-critic", 5)
 *         .build(registry);
 * }</pre>
 *
 * <p>Written as JSON, a spec is a flat mapping of kebab-case keys: the common keys, then the
 * procedure's keys, then {@code optimizers} and {@code schedule}.
 */
public final class RunSpec {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Object> values;
    private final List<String> procedureKeys;
    private final Map<String, OptimizerSpec> optimizers;
    private final ScheduleSpec schedule;

    RunSpec(Map<String, Object> values, List<String> procedureKeys,
            Map<String, OptimizerSpec> optimizers, ScheduleSpec schedule) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.procedureKeys = List.copyOf(procedureKeys);
        this.optimizers = Collections.unmodifiableMap(new LinkedHashMap<>(optimizers));
        this.schedule = Objects.requireNonNull(schedule, "schedule is null");
    }

    /** A validating builder for specs made in code; see the class description. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The value of a key of this spec: a common key or one of the procedure's.
     *
     * @throws IllegalArgumentException if the procedure has no such key
     */
    @SuppressWarnings("unchecked")
    public <T> T get(SpecKey<T> key) {
        if (!values.containsKey(key.name())) {
            throw new IllegalArgumentException("procedure '" + procedure() + "' has no spec key '"
                    + key.name() + "'; its keys: " + procedureKeys);
        }
        return (T) values.get(key.name());
    }

    /** Whether this spec has the key (a common key, or one of its procedure's). */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /**
     * A copy with one key changed and checked, for a procedure completing its keys (for example
     * writing out a default weight) in {@link
     * org.gen4j.core.procedure.ProcedureFactory#complete}.
     */
    public <T> RunSpec with(SpecKey<T> key, T value) {
        get(key);
        T bound = key.bind(JSON.valueToTree(value));
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(key.name(), bound);
        return new RunSpec(copy, procedureKeys, optimizers, schedule);
    }

    /** The names of the procedure's own keys, in declaration order. */
    public List<String> procedureKeys() {
        return procedureKeys;
    }

    /** Every key's value: common, then the procedure's (not optimizers and schedule). */
    public Map<String, Object> values() {
        return values;
    }

    /** The preset the run started from, or null (provenance only). */
    public String preset() {
        return get(CommonKeys.PRESET);
    }

    /** What the user asked to train: a procedure or an architecture. */
    public String model() {
        return get(CommonKeys.MODEL);
    }

    /** The resolved training procedure. */
    public String procedure() {
        return (String) values.get(CommonKeys.PROCEDURE.name());
    }

    /** The architectures' options. */
    public Map<String, Object> modelOptions() {
        return get(CommonKeys.MODEL_OPTIONS);
    }

    /** A folder of IDX files or images, or a registered data set name. */
    public String data() {
        return get(CommonKeys.DATA);
    }

    /** The data set's options. */
    public Map<String, Object> dataOptions() {
        return get(CommonKeys.DATA_OPTIONS);
    }

    /** Samples per batch. */
    public int batchSize() {
        return get(CommonKeys.BATCH_SIZE);
    }

    /** Steps to train; 0 means {@link #epochs()} epochs. */
    public long steps() {
        return get(CommonKeys.STEPS);
    }

    /** Epochs to train when {@link #steps()} is 0. */
    public int epochs() {
        return get(CommonKeys.EPOCHS);
    }

    /** The seed of every random stream. */
    public long seed() {
        return get(CommonKeys.SEED);
    }

    /** Steps between checkpoints. */
    public int checkpointEvery() {
        return get(CommonKeys.CHECKPOINT_EVERY);
    }

    /** How many recent checkpoints to keep. */
    public int keepCheckpoints() {
        return get(CommonKeys.KEEP_CHECKPOINTS);
    }

    /** Steps between rows of the metrics log. */
    public int logEvery() {
        return get(CommonKeys.LOG_EVERY);
    }

    /** Images in each sample grid. */
    public int sampleCount() {
        return get(CommonKeys.SAMPLE_COUNT);
    }

    /** The steps a run of this spec trains to, given the steps of one epoch. */
    public long totalSteps(long stepsPerEpoch) {
        return steps() > 0 ? steps() : epochs() * stepsPerEpoch;
    }

    /** Every network's optimizer, by network name. */
    public Map<String, OptimizerSpec> optimizers() {
        return optimizers;
    }

    /**
     * The optimizer of a network.
     *
     * @throws IllegalArgumentException if the procedure trains no network of that name
     */
    public OptimizerSpec optimizer(String network) {
        OptimizerSpec o = optimizers.get(network);
        if (o == null) {
            throw new IllegalArgumentException("procedure '" + procedure() + "' trains no network"
                    + " '" + network + "'; its networks: " + optimizers.keySet());
        }
        return o;
    }

    /** The learning-rate schedule. */
    public ScheduleSpec schedule() {
        return schedule;
    }

    /** The spec as a JSON tree, as stored with checkpoints. */
    public ObjectNode toTree() {
        ObjectNode node = JSON.createObjectNode();
        values.forEach((k, v) -> node.set(k, JSON.valueToTree(v)));
        node.set(CommonKeys.OPTIMIZERS, JSON.valueToTree(optimizers));
        node.set(CommonKeys.SCHEDULE, JSON.valueToTree(schedule));
        return node;
    }

    /** The spec as indented JSON, as stored in {@code spec.json} and with checkpoints. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(toTree());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("spec does not serialise: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunSpec other && toTree().equals(other.toTree());
    }

    @Override
    public int hashCode() {
        return toTree().hashCode();
    }

    @Override
    public String toString() {
        return toTree().toString();
    }

    /**
     * Builds a spec in code: each call sets one key, {@link #build} resolves and validates the
     * whole against the procedure's keys (so a wrong value fails there, naming the key). The
     * common keys start at their defaults; {@code model} must be set.
     */
    public static final class Builder {

        private final ObjectNode layer = JSON.createObjectNode();

        private Builder() {}

        private Builder put(String key, Object value) {
            layer.set(key, JSON.valueToTree(value));
            return this;
        }

        /** What to train: a procedure ({@code gan}, {@code cgan}) or an architecture. */
        public Builder setModel(String model) {
            return put(CommonKeys.MODEL.name(), model);
        }

        /** The training procedure, when the model is an architecture that several train. */
        public Builder optProcedure(String procedure) {
            return put(CommonKeys.PROCEDURE.name(), procedure);
        }

        /** The data: a folder, an IDX file or a registered data set. */
        public Builder optData(String data) {
            return put(CommonKeys.DATA.name(), data);
        }

        /** The data set's options. */
        public Builder optDataOptions(Map<String, ?> options) {
            return put(CommonKeys.DATA_OPTIONS.name(), options);
        }

        /** The architectures' options. */
        public Builder optModelOptions(Map<String, ?> options) {
            return put(CommonKeys.MODEL_OPTIONS.name(), options);
        }

        /** Samples per batch. */
        public Builder optBatchSize(int batchSize) {
            return put(CommonKeys.BATCH_SIZE.name(), batchSize);
        }

        /** Training steps (0: train {@link #optEpochs} epochs). */
        public Builder optSteps(long steps) {
            return put(CommonKeys.STEPS.name(), steps);
        }

        /** Epochs to train; sets steps to 0 unless {@link #optSteps} is called after. */
        public Builder optEpochs(int epochs) {
            put(CommonKeys.STEPS.name(), 0);
            return put(CommonKeys.EPOCHS.name(), epochs);
        }

        /** The seed of every random stream. */
        public Builder optSeed(long seed) {
            return put(CommonKeys.SEED.name(), seed);
        }

        /** Steps between checkpoints. */
        public Builder optCheckpointEvery(int steps) {
            return put(CommonKeys.CHECKPOINT_EVERY.name(), steps);
        }

        /** Recent checkpoints to keep. */
        public Builder optKeepCheckpoints(int count) {
            return put(CommonKeys.KEEP_CHECKPOINTS.name(), count);
        }

        /** Steps between rows of the metrics log. */
        public Builder optLogEvery(int steps) {
            return put(CommonKeys.LOG_EVERY.name(), steps);
        }

        /** Images per sample grid. */
        public Builder optSampleCount(int count) {
            return put(CommonKeys.SAMPLE_COUNT.name(), count);
        }

        /** Start from a preset's keys (the keys set here still win). */
        public Builder optPreset(String preset) {
            return put(CommonKeys.PRESET.name(), preset);
        }

        /** The optimizer of one network (settings left out take the type's defaults). */
        public Builder optOptimizer(String network, OptimizerSpec optimizer) {
            ObjectNode all = layer.has(CommonKeys.OPTIMIZERS)
                    ? (ObjectNode) layer.get(CommonKeys.OPTIMIZERS)
                    : layer.putObject(CommonKeys.OPTIMIZERS);
            all.set(network, JSON.valueToTree(optimizer));
            return this;
        }

        /** The learning-rate schedule. */
        public Builder optSchedule(ScheduleSpec schedule) {
            return put(CommonKeys.SCHEDULE, schedule);
        }

        /** A typed key of the procedure (or a common key). */
        public <T> Builder opt(SpecKey<T> key, T value) {
            return put(key.name(), value);
        }

        /** Any key by name, as in a spec file ({@code n-critic}, {@code loss}). */
        public Builder opt(String key, Object value) {
            return put(key, value);
        }

        /**
         * Resolves and validates the spec against the registered procedure.
         *
         * @throws IllegalArgumentException naming the key that is missing, unknown, of the
         *     wrong type or out of range
         */
        public RunSpec build(Registry registry) {
            if (!layer.hasNonNull(CommonKeys.MODEL.name())) {
                throw new IllegalArgumentException("model must be set (setModel): a procedure"
                        + " such as gan or cgan, or an architecture such as dcgan");
            }
            return SpecLoader.fromDefaults().merge(layer).build(registry);
        }
    }
}
