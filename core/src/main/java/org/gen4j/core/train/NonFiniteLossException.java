package org.gen4j.core.train;

/** A loss became NaN or infinite: training stopped, and the last good checkpoint is kept. */
public final class NonFiniteLossException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long step;
    private final String lossName;
    private final float value;

    /** A non-finite {@code lossName} of value {@code value} at generator step {@code step}. */
    public NonFiniteLossException(long step, String lossName, float value) {
        super("Loss " + lossName + " became " + value + " at step " + step
                + ": training stopped; the last good checkpoint is kept (lower the learning rate,"
                + " or check the data for NaN values)");
        this.step = step;
        this.lossName = lossName;
        this.value = value;
    }

    /** The step whose loss was not finite (1-based). */
    public long step() {
        return step;
    }

    /** Which loss: "loss_d" or "loss_g". */
    public String lossName() {
        return lossName;
    }

    /** The non-finite value. */
    public float value() {
        return value;
    }
}
