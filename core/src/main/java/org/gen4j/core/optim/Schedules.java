package org.gen4j.core.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gen4j.core.util.Options;

/**
 * The learning-rate schedules built into the core, registered by {@link
 * org.gen4j.core.spi.CoreModule}, each with an optional linear warm-up.
 *
 * <p>With {@code warmup} W (steps, default 0) the factor rises linearly over the first W updates,
 * {@code (step + 1) / W}; the schedule proper then runs over the remaining {@code T = total - W}
 * updates, at {@code t = step - W}:
 *
 * <ul>
 *   <li>{@value #CONSTANT}: 1.
 *   <li>{@value #LINEAR}: 1 until {@code t = start}, then linearly to {@code end} at {@code t =
 *       T}: {@code 1 - (1 - end) (t - start) / (T - start)} (settings {@code start}, default 0;
 *       {@code end}, default 0; or {@code start-fraction} f in [0, 1), used when {@code start} is
 *       0: {@code start = round(f T)}). CycleGAN's decay is {@code start-fraction} 0.5.
 *   <li>{@value #STEP}: {@code gamma^floor(t / every)} (settings {@code every}, default 1000;
 *       {@code gamma}, default 0.1).
 *   <li>{@value #COSINE}: {@code min + (1 - min) (1 + cos(pi t / T)) / 2} (setting {@code min},
 *       default 0), Loshchilov and Hutter's SGDR without restarts.
 * </ul>
 */
public final class Schedules {

    /** No change of the learning rates. */
    public static final String CONSTANT = "constant";
    /** Linear decay. */
    public static final String LINEAR = "linear";
    /** Step decay by a factor every so many steps. */
    public static final String STEP = "step";
    /** Cosine decay. */
    public static final String COSINE = "cosine";

    private Schedules() {}

    /** New factories of the built-in schedules. */
    public static List<ScheduleFactory> builtIn() {
        return List.of(new Constant(), new Linear(), new Step(), new Cosine());
    }

    /** The part of a schedule after warm-up: the factor at {@code t} of {@code horizon}. */
    private interface Shape {
        double at(long t, long horizon);
    }

    private static LearningRateSchedule withWarmup(long warmup, long total, Shape shape) {
        long horizon = Math.max(1, total - warmup);
        return step -> {
            if (step < warmup) {
                return (double) (step + 1) / warmup;
            }
            return Math.max(0, Math.min(1, shape.at(step - warmup, horizon)));
        };
    }

    private abstract static class Base implements ScheduleFactory {
        @Override
        public final Map<String, Object> defaults() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("warmup", 0);
            own(m);
            return m;
        }

        abstract void own(Map<String, Object> defaults);

        abstract Shape shape(Options o, long total);

        @Override
        public final LearningRateSchedule create(Options o, long totalSteps) {
            if (totalSteps < 1) {
                throw new IllegalArgumentException(o.owner() + ": a schedule needs a run of at"
                        + " least one step, got " + totalSteps);
            }
            long warmup = o.getLong("warmup", 0, 0, totalSteps);
            Shape shape = shape(o, totalSteps - warmup);
            o.checkAllUsed();
            return withWarmup(warmup, totalSteps, shape);
        }
    }

    private static final class Constant extends Base {
        @Override
        public String name() {
            return CONSTANT;
        }

        @Override
        public String description() {
            return "Constant learning rates, with an optional linear warm-up (setting warmup)";
        }

        @Override
        void own(Map<String, Object> defaults) {}

        @Override
        Shape shape(Options o, long total) {
            return (t, horizon) -> 1;
        }
    }

    private static final class Linear extends Base {
        @Override
        public String name() {
            return LINEAR;
        }

        @Override
        public String description() {
            return "Linear decay from step start to the factor end at the last step (warmup,"
                    + " start, end)";
        }

        @Override
        void own(Map<String, Object> defaults) {
            defaults.put("start", 0);
            defaults.put("start-fraction", 0.0);
            defaults.put("end", 0.0);
        }

        @Override
        Shape shape(Options o, long total) {
            long given = o.getLong("start", 0, 0, Math.max(0, total - 1));
            double fraction = o.getDoubleBelow("start-fraction", 0, 0, 1);
            double end = o.getDouble("end", 0, 0, 1);
            return (t, horizon) -> {
                long start = given > 0 ? given : Math.round(fraction * horizon);
                return t < start ? 1
                        : 1.0 - (t - start) * (1 - end) / (double) (horizon - start);
            };
        }
    }

    private static final class Step extends Base {
        @Override
        public String name() {
            return STEP;
        }

        @Override
        public String description() {
            return "Multiply by gamma every so many steps (warmup, every, gamma)";
        }

        @Override
        void own(Map<String, Object> defaults) {
            defaults.put("every", 1000);
            defaults.put("gamma", 0.1);
        }

        @Override
        Shape shape(Options o, long total) {
            long every = o.getLong("every", 1000, 1, 1_000_000_000L);
            double gamma = o.getDouble("gamma", 0.1, 0, 1);
            return (t, horizon) -> Math.pow(gamma, (double) (t / every));
        }
    }

    private static final class Cosine extends Base {
        @Override
        public String name() {
            return COSINE;
        }

        @Override
        public String description() {
            return "Cosine decay to the factor min at the last step (warmup, min)";
        }

        @Override
        void own(Map<String, Object> defaults) {
            defaults.put("min", 0.0);
        }

        @Override
        Shape shape(Options o, long total) {
            double min = o.getDouble("min", 0, 0, 1);
            return (t, horizon) -> min + (1 - min) * (1 + Math.cos(Math.PI * t / horizon)) / 2;
        }
    }
}
