package org.gen4j.core.spec;

import java.util.List;
import java.util.Map;

/**
 * The keys every run spec has, whatever it trains: what to train, on which data, for how long,
 * and how the run folder is kept. A training procedure adds its own keys ({@link
 * org.gen4j.core.procedure.ProcedureFactory#keys()}); {@code optimizers} and {@code schedule} are
 * common too and bound by {@link SpecResolver}.
 */
public final class CommonKeys {

    /** Provenance: the preset the run started from; its keys are resolved into the others. */
    public static final SpecKey<String> PRESET = SpecKey.name("preset", null,
            "the preset the run started from (gen4j list presets); its keys are already applied");
    /** What to train: a procedure's name, or an architecture a procedure trains. */
    public static final SpecKey<String> MODEL = SpecKey.name("model", null,
            "what to train: a procedure (gan, cgan, ...) or an architecture (dcgan, mlp-gan)");
    /** The training procedure; resolved from the model when not given. */
    public static final SpecKey<String> PROCEDURE = SpecKey.name("procedure", null,
            "the training procedure (gen4j list procedures); default: the one the model names");
    /** Options of every network's architecture. */
    public static final SpecKey<Map<String, Object>> MODEL_OPTIONS = SpecKey.options(
            "model-options", "options of the architectures (for example width)");
    /** The data. */
    public static final SpecKey<String> DATA = SpecKey.name("data", "fashion-mnist-sample",
            "a folder of IDX files or images, or a data-set name (gen4j list datasets)");
    /** The data set's options. */
    public static final SpecKey<Map<String, Object>> DATA_OPTIONS = SpecKey.options(
            "data-options", "options of the data set (split, size, resize, channels, ...)");
    /** Samples per batch. */
    public static final SpecKey<Integer> BATCH_SIZE = SpecKey.integer("batch-size", 64, 1, 65536,
            "samples per batch");
    /** Steps to train; 0 means {@code epochs}. */
    public static final SpecKey<Long> STEPS = SpecKey.longInteger("steps", 0, 0, 1_000_000_000L,
            "training steps; 0 means train epochs");
    /** Epochs to train when {@code steps} is 0. */
    public static final SpecKey<Integer> EPOCHS = SpecKey.integer("epochs", 20, 0, 100_000,
            "epochs to train when steps is 0");
    /** The seed of every random stream. */
    public static final SpecKey<Long> SEED = SpecKey.longInteger("seed", 42, Long.MIN_VALUE,
            Long.MAX_VALUE, "the seed of every random stream (initialisation, noise, data order)");
    /** Steps between checkpoints; one is also written at the end. */
    public static final SpecKey<Integer> CHECKPOINT_EVERY = SpecKey.integer("checkpoint-every",
            500, 1, 1_000_000_000, "steps between checkpoints (one is also written at the end)");
    /** How many recent checkpoints to keep. */
    public static final SpecKey<Integer> KEEP_CHECKPOINTS = SpecKey.integer("keep-checkpoints", 2,
            1, 1000, "how many recent checkpoints to keep");
    /** Steps between rows of the metrics log. */
    public static final SpecKey<Integer> LOG_EVERY = SpecKey.integer("log-every", 10, 1,
            1_000_000, "steps between rows of metrics.csv");
    /** Images in each sample grid. */
    public static final SpecKey<Integer> SAMPLE_COUNT = SpecKey.integer("sample-count", 64, 1,
            1024, "images in each sample grid");

    /** The name of the key holding every network's optimizer. */
    public static final String OPTIMIZERS = "optimizers";
    /** The name of the key holding the learning-rate schedule. */
    public static final String SCHEDULE = "schedule";

    /** Keys a resumed run may change: how long and how often, not what is trained. */
    public static final List<String> RESUMABLE = List.of("steps", "epochs", "checkpoint-every",
            "keep-checkpoints", "log-every");

    private CommonKeys() {}

    /** Every common key bound through a {@link SpecKey}, in the order a spec is written. */
    public static List<SpecKey<?>> all() {
        return List.of(PRESET, MODEL, PROCEDURE, MODEL_OPTIONS, DATA, DATA_OPTIONS, BATCH_SIZE,
                STEPS, EPOCHS, SEED, CHECKPOINT_EVERY, KEEP_CHECKPOINTS, LOG_EVERY, SAMPLE_COUNT);
    }
}
