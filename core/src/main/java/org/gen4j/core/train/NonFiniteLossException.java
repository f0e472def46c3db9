package org.gen4j.core.train;

/**
 * A loss, a parameter or an optimizer's state became NaN or infinite: training stopped, and the
 * last good checkpoint is kept.
 */
public final class NonFiniteLossException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long step;
    private final String lossName;
    private final float value;

    private final boolean state;

    /** A non-finite {@code lossName} of value {@code value} at generator step {@code step}. */
    public NonFiniteLossException(long step, String lossName, float value) {
        this(step, lossName, value, "the last good checkpoint is kept", false);
    }

    private NonFiniteLossException(long step, String lossName, float value, String kept,
            boolean state) {
        super((state ? "Training state: " + lossName + " became " + value + " by step " + step
                + " while the losses stayed finite" : "Loss " + lossName + " became " + value
                + " at step " + step) + ": training stopped; " + kept + " (lower the learning"
                + " rate, or check the data for NaN values)");
        this.step = step;
        this.lossName = lossName;
        this.value = value;
        this.state = state;
    }

    /**
     * A parameter or an optimizer's state became non-finite, found before a checkpoint.
     *
     * @param step the steps trained
     * @param what which value, for example "parameter 01Linear_weight of network generator"
     * @param value the worst value found
     */
    public static NonFiniteLossException ofState(long step, String what, float value) {
        return new NonFiniteLossException(step, what, value, "the last good checkpoint is kept",
                true);
    }

    /**
     * The same failure, with a message that names the checkpoint that is kept.
     *
     * @param checkpoint the name of the newest complete checkpoint, or null when there is none
     */
    public NonFiniteLossException withKeptCheckpoint(String checkpoint) {
        NonFiniteLossException e = new NonFiniteLossException(step, lossName, value,
                checkpoint == null ? "no checkpoint had been written yet"
                        : "the last good checkpoint, " + checkpoint + ", is kept", state);
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** The step whose loss was not finite (1-based). */
    public long step() {
        return step;
    }

    /** Which loss ("loss_d", "loss_g"), or which parameter or optimizer state. */
    public String lossName() {
        return lossName;
    }

    /** The non-finite value. */
    public float value() {
        return value;
    }
}
