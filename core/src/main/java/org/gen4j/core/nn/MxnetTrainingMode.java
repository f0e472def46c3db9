package org.gen4j.core.nn;

import ai.djl.ndarray.NDManager;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;
import org.gen4j.core.engine.EngineSetup;

/**
 * Whether MXNet's autograd is in training mode on this thread, the mode in which its operators
 * with a training behaviour (BatchNorm's batch statistics) take it: DJL's {@code
 * GradientCollector} sets it, and DJL's own batch norm refuses a {@code training} flag that
 * disagrees with it. Read through DJL's MXNet bindings ({@code JnaUtils.autogradIsTraining}),
 * looked up from the MXNet manager's class loader on first use, so that {@code core} compiles
 * against DJL's API alone and never loads MXNet on another engine.
 */
final class MxnetTrainingMode {

    /** The probe once looked up; empty if DJL's bindings lack it. */
    private static volatile Optional<MethodHandle> probe;

    private MxnetTrainingMode() {}

    /**
     * Whether {@code manager} is MXNet's and its autograd is in training mode.
     *
     * @param manager the manager of the arrays an operator would take
     * @return {@code true} only on MXNet in training mode; {@code false} on every other engine,
     *     and where DJL's MXNet bindings have no such probe
     */
    static boolean isTraining(NDManager manager) {
        if (!EngineSetup.isMxnet(manager)) {
            return false;
        }
        Optional<MethodHandle> handle = probe;
        if (handle == null) {
            handle = find(manager.getClass().getClassLoader());
            probe = handle;
        }
        if (handle.isEmpty()) {
            return false;
        }
        try {
            return (boolean) handle.get().invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("MXNet's autograd mode could not be read", e);
        }
    }

    private static Optional<MethodHandle> find(ClassLoader loader) {
        try {
            Class<?> jna = Class.forName("ai.djl.mxnet.jna.JnaUtils", true, loader);
            return Optional.of(MethodHandles.publicLookup().findStatic(jna, "autogradIsTraining",
                    MethodType.methodType(boolean.class)));
        } catch (ReflectiveOperationException | LinkageError e) {
            return Optional.empty();
        }
    }
}
