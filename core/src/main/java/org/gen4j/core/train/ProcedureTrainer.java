package org.gen4j.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gen4j.core.data.SampleSet;
import org.gen4j.core.engine.EngineFailureException;
import org.gen4j.core.engine.EngineFailures;
import org.gen4j.core.engine.EngineScope;
import org.gen4j.core.engine.EngineSetup;
import org.gen4j.core.nn.SeededNormalInitializer;
import org.gen4j.core.nn.SeededXavierInitializer;
import org.gen4j.core.optim.LearningRateSchedule;
import org.gen4j.core.optim.NamedParameter;
import org.gen4j.core.optim.Optimizer;
import org.gen4j.core.procedure.DataInfo;
import org.gen4j.core.procedure.Network;
import org.gen4j.core.procedure.NetworkRole;
import org.gen4j.core.procedure.Picture;
import org.gen4j.core.procedure.ProcedureFactory;
import org.gen4j.core.procedure.ProcedureSetup;
import org.gen4j.core.procedure.SampleContext;
import org.gen4j.core.procedure.SampleRequest;
import org.gen4j.core.procedure.StepOutcome;
import org.gen4j.core.procedure.TrainingProcedure;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.spec.RunSpec;
import org.gen4j.core.spi.Registry;

/**
 * The {@link Trainer} of every procedure.
 *
 * <p>Networks are initialised in the procedure's order from one stream derived from the seed
 * ({@code init}): N(0, std) weights where the network asks for them, DJL's Xavier distribution
 * otherwise, so every run and every engine starts from the same numbers. Each network with a
 * role gets the optimizer its spec names; the schedule sets their learning-rate factor before
 * each step. Each step's arrays live in a sub-manager closed at the end of the step, so the array
 * count stays constant over a run; the reported values are read back once per step (one
 * synchronisation) and checked for NaN and infinity, as is the state before a checkpoint.
 */
public final class ProcedureTrainer implements Trainer {

    private final TrainingProcedure procedure;
    private final RunSpec spec;
    private final DataInfo data;
    private final NDManager root;
    private final ParameterStore parameterStore;
    private final Map<String, Network> networks = new LinkedHashMap<>();
    private final Map<String, List<NamedParameter>> parameters = new LinkedHashMap<>();
    private final Map<String, Optimizer> optimizers = new LinkedHashMap<>();
    private final Map<String, RandomStream> streams = new LinkedHashMap<>();
    private final LearningRateSchedule schedule;
    private final long totalSteps;
    private long step;

    private ProcedureTrainer(TrainingProcedure procedure, RunSpec spec, Registry registry,
            DataInfo data, long totalSteps, NDManager parent) {
        this.procedure = procedure;
        this.spec = spec;
        this.data = data;
        this.root = parent.newSubManager();
        this.totalSteps = Math.max(1, totalSteps);
        try {
            RandomStream init = RandomStream.derive(spec.seed(), "init");
            for (Network n : procedure.networks()) {
                if (networks.put(n.name(), n) != null) {
                    throw new IllegalStateException("procedure " + spec.procedure()
                            + " declares network " + n.name() + " twice");
                }
                n.block().setInitializer(n.initStd() > 0
                        ? new SeededNormalInitializer(init, 0f, n.initStd())
                        : new SeededXavierInitializer(init), Parameter.Type.WEIGHT);
                n.block().initialize(root, DataType.FLOAT32, n.inputShapes().toArray(Shape[]::new));
                parameters.put(n.name(), NamedParameter.trainable(n.block()));
                if (spec.optimizers().containsKey(n.name())) {
                    optimizers.put(n.name(), spec.optimizer(n.name()).create(registry,
                            "optimizers." + n.name()));
                }
            }
            this.parameterStore = new ParameterStore(root, false);
            this.schedule = spec.schedule().create(registry, Math.max(1, totalSteps));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Builds the procedure a spec names and a trainer for it.
     *
     * @param spec the resolved spec
     * @param registry where the procedure and its parts are found
     * @param data the data it trains on (or was trained on, for a checkpoint)
     * @param totalSteps the steps the run trains to, for the learning-rate schedule
     * @param manager the manager under which the trainer keeps its parameters
     * @throws IllegalArgumentException if a part cannot be built for this spec and data
     * @throws org.gen4j.core.engine.EngineNotFoundException if no engine is on the class path
     */
    public static ProcedureTrainer create(RunSpec spec, Registry registry, DataInfo data,
            long totalSteps, NDManager manager) {
        return create(buildProcedure(spec, registry, data), spec, registry, data, totalSteps,
                manager);
    }

    /**
     * A trainer for a procedure already built by {@link #buildProcedure} (to ask it, say, how
     * many batches a step reads before the run's length is known).
     */
    public static ProcedureTrainer create(TrainingProcedure procedure, RunSpec spec,
            Registry registry, DataInfo data, long totalSteps, NDManager manager) {
        EngineSetup.requireEngine();
        ProcedureTrainer trainer = new ProcedureTrainer(procedure, spec, registry, data,
                totalSteps, manager);
        try {
            procedure.check(new TrainerContexts.Sample(trainer, trainer.root));
        } catch (RuntimeException e) {
            trainer.close();
            throw e;
        }
        return trainer;
    }

    /**
     * The procedure a spec names, built for the data; its networks are not initialised yet.
     *
     * @throws IllegalStateException if it does not build every network its factory declares
     */
    public static TrainingProcedure buildProcedure(RunSpec spec, Registry registry,
            DataInfo data) {
        Objects.requireNonNull(spec, "spec is null");
        Objects.requireNonNull(registry, "registry is null");
        ProcedureFactory factory = registry.procedure(spec.procedure());
        TrainingProcedure procedure = factory.create(new ProcedureSetup(spec, registry, data));
        for (NetworkRole role : factory.networks()) {
            if (procedure.networks().stream().noneMatch(n -> n.name().equals(role.name()))) {
                throw new IllegalStateException("procedure " + factory.name() + " declares the"
                        + " network " + role.name() + " but did not build it");
            }
        }
        return procedure;
    }

    /** The spec this trainer was built from. */
    public RunSpec spec() {
        return spec;
    }

    /** The data this trainer's networks were shaped for. */
    public DataInfo data() {
        return data;
    }

    @Override
    public TrainingProcedure procedure() {
        return procedure;
    }

    @Override
    public long stepCount() {
        return step;
    }

    @Override
    public Block network(String name) {
        Network n = networks.get(name);
        if (n == null) {
            throw new IllegalArgumentException("no network '" + name + "'; the procedure has "
                    + networks.keySet());
        }
        return n.block();
    }

    /** The trainable parameters of a network, as its optimizer sees them. */
    List<NamedParameter> parameters(String network) {
        network(network);
        return parameters.get(network);
    }

    /** Every network's trainable parameters by network, in order. */
    Map<String, List<NamedParameter>> allParameters() {
        return parameters;
    }

    Optimizer optimizer(String network) {
        Optimizer o = optimizers.get(network);
        if (o == null) {
            throw new IllegalArgumentException("network '" + network + "' has no optimizer: the"
                    + " procedure does not train it");
        }
        return o;
    }

    RandomStream stream(String name) {
        return streams.computeIfAbsent(name, n -> RandomStream.derive(spec.seed(), n));
    }

    long seed() {
        return spec.seed();
    }

    @Override
    public ParameterStore parameterStore() {
        return parameterStore;
    }

    @Override
    public NDManager manager() {
        return root;
    }

    @Override
    public StepResult step(Batches batches) {
        long current = step + 1;
        double scale = schedule.scale(step);
        for (Optimizer o : optimizers.values()) {
            o.setLearningRateScale(scale);
        }
        List<String> names = procedure.metrics();
        float[] values;
        // An operator that failed asynchronously (out of memory) surfaces when its arrays are
        // freed: the scope frees them where the error can stop the run, not in DJL's close.
        try (EngineScope scope = EngineScope.of(root, "step " + current)) {
            NDManager sm = scope.manager();
            StepOutcome outcome = procedure.step(new TrainerContexts.Step(this, sm, current,
                    batches, data.description()));
            values = read(outcome, names, sm);
        } catch (ai.djl.engine.EngineException e) {
            throw EngineFailures.wrap("step " + current, e);
        } catch (EngineFailureException e) {
            throw e.getMessage().startsWith("the engine failed at step ") ? e
                    : e.at("step " + current);
        }
        step = current;
        for (int i = 0; i < names.size(); i++) {
            if (!Float.isFinite(values[i])) {
                throw new NonFiniteLossException(current, names.get(i), values[i]);
            }
        }
        return new StepResult(current, names, values);
    }

    private float[] read(StepOutcome outcome, List<String> names, NDManager sm) {
        List<NDArray> v = outcome.values();
        if (v.size() != names.size()) {
            throw new IllegalStateException("procedure " + spec.procedure() + " reported "
                    + v.size() + " values for its " + names.size() + " metrics " + names);
        }
        if (v.isEmpty()) {
            return new float[0];
        }
        NDList scalars = new NDList();
        for (NDArray a : v) {
            scalars.add(a == null ? sm.zeros(new Shape()) : a.reshape(new Shape()));
        }
        return NDArrays.stack(scalars).toType(DataType.FLOAT32, false).toFloatArray();
    }

    @Override
    public NDArray sample(NDManager manager, SampleRequest request) {
        return procedure.sample(new TrainerContexts.Sample(this, manager), request);
    }

    /**
     * A context for calling the procedure's own capabilities in inference mode (its likelihood,
     * its encoder), with results in {@code manager}.
     */
    public SampleContext sampleContext(NDManager manager) {
        return new TrainerContexts.Sample(this, manager);
    }

    @Override
    public List<Picture> pictures(NDManager manager, int sampleCount, SampleSet samples) {
        return procedure.pictures(new TrainerContexts.Pictures(this, manager, sampleCount,
                samples), data);
    }

    @Override
    public TrainerState save(Path dir) throws IOException {
        FiniteStateCheck.check(step, networks.values(), optimizers);
        Files.createDirectories(dir);
        Map<String, String> networkFiles = new LinkedHashMap<>();
        for (Network n : networks.values()) {
            String file = n.name() + ".params";
            NetworkFiles.saveBlock(n.block(), dir.resolve(file));
            networkFiles.put(n.name(), file);
        }
        Map<String, String> optimizerFiles = new LinkedHashMap<>();
        for (Map.Entry<String, Optimizer> e : optimizers.entrySet()) {
            String file = e.getKey() + ".optimizer";
            NetworkFiles.saveOptimizer(e.getValue(), dir.resolve(file));
            optimizerFiles.put(e.getKey(), file);
        }
        Map<String, RandomStream.State> streamStates = new LinkedHashMap<>();
        streams.forEach((k, v) -> streamStates.put(k, v.state()));
        ProcedureStateFiles.Saved saved = ProcedureStateFiles.save(procedure, dir);
        return new TrainerState(step, spec.procedure(), networkFiles, optimizerFiles,
                streamStates, saved.values(), saved.files());
    }

    @Override
    public void restore(Path dir, TrainerState state) throws IOException {
        restoreNetworks(dir, state);
        for (Map.Entry<String, Optimizer> e : optimizers.entrySet()) {
            String file = state.optimizers().get(e.getKey());
            if (file == null) {
                throw new IOException(dir + " has no optimizer state of network " + e.getKey()
                        + " (it has " + state.optimizers().keySet() + ")");
            }
            NetworkFiles.loadOptimizer(e.getValue(), dir.resolve(file),
                    parameters.get(e.getKey()));
        }
        streams.clear();
        state.streams().forEach((k, v) -> streams.put(k, RandomStream.fromState(v)));
        ProcedureStateFiles.restore(procedure, dir, state, root);
        this.step = state.step();
    }

    /**
     * Restores what sampling needs: the networks' parameters and the procedure's own state (a
     * weight average that sampling uses), but not the optimizers or the streams.
     */
    void restoreForSampling(Path dir, TrainerState state) throws IOException {
        restoreNetworks(dir, state);
        ProcedureStateFiles.restore(procedure, dir, state, root);
    }

    /** The steps the run trains to (at least 1). */
    long totalSteps() {
        return totalSteps;
    }

    /** Restores only the networks' parameters. */
    void restoreNetworks(Path dir, TrainerState state) throws IOException {
        for (Network n : networks.values()) {
            String file = state.networks().get(n.name());
            if (file == null) {
                throw new IOException(dir + " has no parameters of network " + n.name()
                        + " (it has " + state.networks().keySet() + ")");
            }
            NetworkFiles.loadBlock(n.block(), root, dir.resolve(file), n.name());
            for (NamedParameter p : parameters.get(n.name())) {
                p.parameter().getArray().setRequiresGradient(true);
            }
        }
        this.step = state.step();
    }

    /** Snapshot of every trainable parameter's values, network by network (for tests). */
    public List<float[]> parameterValues() {
        List<float[]> all = new ArrayList<>();
        for (List<NamedParameter> ps : parameters.values()) {
            for (NamedParameter p : ps) {
                all.add(p.parameter().getArray().toFloatArray());
            }
        }
        return all;
    }

    @Override
    public void close() {
        for (Optimizer o : optimizers.values()) {
            o.close();
        }
        root.close();
    }
}
