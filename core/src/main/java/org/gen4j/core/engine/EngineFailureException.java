package org.gen4j.core.engine;

import java.util.Locale;

/**
 * The engine failed inside an operator: most often it could not allocate memory. Training stops;
 * a run keeps its last good checkpoint.
 */
public final class EngineFailureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String where;
    private final String detail;

    private EngineFailureException(String where, String detail, String suffix, Throwable cause) {
        super("the engine failed at " + where + ": " + detail + suffix, cause);
        this.where = where;
        this.detail = detail;
    }

    static EngineFailureException of(String where, Throwable cause) {
        String m = cause == null || cause.getMessage() == null ? String.valueOf(cause)
                : cause.getMessage();
        int nl = m.indexOf('\n');
        String first = (nl < 0 ? m : m.substring(0, nl)).trim();
        String lower = first.toLowerCase(Locale.ROOT);
        boolean memory = lower.contains("allocate") || lower.contains("out of memory");
        return new EngineFailureException(where, first + (memory ? " (the engine ran out of"
                + " memory: lower the batch size or the model's width, or free memory)" : ""), "",
                cause);
    }

    /** The same failure, placed inside {@code outer} ("step 12, in the adam update"). */
    public EngineFailureException at(String outer) {
        EngineFailureException e = new EngineFailureException(outer + ", in " + where, detail,
                "", getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** The same failure, with what a run keeps appended. */
    public EngineFailureException withKept(String kept) {
        EngineFailureException e = new EngineFailureException(where, detail, "; training"
                + " stopped, " + kept, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }
}
