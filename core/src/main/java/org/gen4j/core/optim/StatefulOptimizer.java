package org.gen4j.core.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gen4j.core.engine.HostArrays;

/**
 * The base of optimizers, the core's and plugins': per-parameter state arrays keyed by parameter
 * name, a step counter, the learning-rate factor of a schedule, and a versioned binary format
 * (no Java serialization) that names what it holds, so that a checkpoint resumes exactly.
 *
 * <p>A subclass says how many state arrays a parameter has ({@link #slots()}) and implements
 * {@link #step}: increment {@link #steps}, then for each parameter take its gradient with {@link
 * #gradientOf} into a scratch sub-manager of {@link #manager(List)}, update the weight and its
 * {@link #stateOf state} in place, and leave the gradient zero. The result of an operation on a
 * long-lived array lands in that array's manager, for the life of the network: move each such
 * result to scratch with {@link #toScratch}, and update the long-lived arrays with in-place
 * operations, as {@code RmsProp} does. ({@code copyTo} from a scratch copy works too, but on
 * PyTorch it copies through the JVM; {@code tempAttach} does not mix with {@link
 * org.gen4j.core.engine.EngineScope}, which frees every array its manager holds.)
 */
public abstract class StatefulOptimizer implements Optimizer {

    private static final int MAGIC = 0x47344F50; // "G4OP"
    private static final int VERSION = 1;

    /** Created on first use, under the manager of the parameters (see {@link #manager}). */
    private NDManager manager;
    /** Parameter name -> its state arrays, in a fixed order per optimizer type. */
    protected final Map<String, NDArray[]> state = new LinkedHashMap<>();
    protected long steps;
    /** The factor on the configured learning rate ({@link #setLearningRateScale}). */
    protected double lrScale = 1;

    /** An optimizer with no state yet. */
    protected StatefulOptimizer() {}

    /** The number of state arrays per parameter. */
    protected abstract int slots();

    /**
     * The manager of the state arrays: a sub-manager of the first parameter's manager, created on
     * first use, so that an optimizer holds no native memory until it steps or loads.
     */
    protected NDManager manager(List<NamedParameter> parameters) {
        if (manager == null) {
            if (parameters.isEmpty()) {
                throw new IllegalStateException(name() + " has no parameters to step");
            }
            manager = parameters.get(0).parameter().getArray().getManager().newSubManager();
        }
        return manager;
    }

    @Override
    public String firstNonFiniteState() {
        for (Map.Entry<String, NDArray[]> e : state.entrySet()) {
            for (int k = 0; k < e.getValue().length; k++) {
                NDArray a = e.getValue()[k];
                if (a != null) {
                    float v = NonFinite.worst(a);
                    if (!Float.isFinite(v)) {
                        return e.getKey() + " slot " + k + ": " + v;
                    }
                }
            }
        }
        return null;
    }

    @Override
    public void setLearningRateScale(double scale) {
        if (!(scale >= 0 && scale <= 1)) {
            throw new IllegalArgumentException("learning-rate scale must be in [0, 1], got "
                    + scale);
        }
        lrScale = scale;
    }

    @Override
    public long stepCount() {
        return steps;
    }

    /** The state arrays of a parameter, created as zeros on first use. */
    protected NDArray[] stateOf(NamedParameter p) {
        return state.computeIfAbsent(p.name(), k -> {
            NDArray w = p.parameter().getArray();
            NDArray[] s = new NDArray[slots()];
            for (int i = 0; i < s.length; i++) {
                s[i] = manager(List.of(p)).zeros(w.getShape(), w.getDataType(), w.getDevice());
            }
            return s;
        });
    }

    /**
     * The gradient of a parameter, checked. DJL hands out a new wrapper of the gradient on each
     * call, owned by the parameter's manager: it is moved to {@code scratch} so that it is freed
     * with it (closing the wrapper leaves the gradient itself alone).
     */
    protected static NDArray gradientOf(NamedParameter p, NDManager scratch) {
        NDArray w = p.parameter().getArray();
        if (!w.hasGradient()) {
            throw new IllegalStateException(
                    "parameter '" + p.name() + "' has no gradient: it is frozen or was never "
                            + "marked trainable, so it cannot be stepped");
        }
        NDArray g = w.getGradient();
        g.attach(scratch);
        return g;
    }

    /**
     * Moves {@code result}, just computed from a long-lived array (a weight, a state), to the
     * update's scratch manager, and returns it.
     */
    protected static NDArray toScratch(NDArray result, NDManager scratch) {
        result.attach(scratch);
        return result;
    }

    @Override
    public void save(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(name());
        out.writeLong(steps);
        out.writeInt(slots());
        out.writeInt(state.size());
        for (Map.Entry<String, NDArray[]> e : state.entrySet()) {
            out.writeUTF(e.getKey());
            for (NDArray a : e.getValue()) {
                byte[] bytes = a.encode();
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
    }

    @Override
    public void load(DataInputStream in, List<NamedParameter> parameters) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a gen4j optimizer state (bad magic)");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("optimizer state version " + version + ", expected " + VERSION);
        }
        String type = in.readUTF();
        if (!type.equals(name())) {
            throw new IOException("optimizer state is for '" + type + "', not '" + name() + "'");
        }
        long loadedSteps = in.readLong();
        int slots = in.readInt();
        if (slots != slots()) {
            throw new IOException("optimizer state has " + slots + " slots, expected " + slots());
        }
        Map<String, NamedParameter> byKey = new LinkedHashMap<>();
        for (NamedParameter p : parameters) {
            byKey.put(p.name(), p);
        }
        int n = in.readInt();
        List<String> unknown = new ArrayList<>();
        Map<String, NDArray[]> loaded = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String k = in.readUTF();
            NDArray[] s = new NDArray[slots];
            for (int j = 0; j < slots; j++) {
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                s[j] = HostArrays.decode(manager(parameters), bytes);
            }
            NamedParameter p = byKey.get(k);
            if (p == null) {
                unknown.add(k);
            } else if (!s[0].getShape().equals(p.parameter().getArray().getShape())) {
                throw new IOException("optimizer state for '" + k + "' has shape " + s[0].getShape()
                        + " but the parameter has " + p.parameter().getArray().getShape());
            }
            loaded.put(k, s);
        }
        if (!unknown.isEmpty()) {
            throw new IOException("optimizer state names parameters this network lacks: " + unknown);
        }
        for (NDArray[] s : state.values()) {
            for (NDArray a : s) {
                a.close();
            }
        }
        state.clear();
        state.putAll(loaded);
        steps = loadedSteps;
    }

    @Override
    public void close() {
        state.clear();
        if (manager != null) {
            manager.close();
            manager = null;
        }
    }
}
