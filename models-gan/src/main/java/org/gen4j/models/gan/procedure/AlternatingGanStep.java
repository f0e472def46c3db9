package org.gen4j.models.gan.procedure;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.gen4j.core.augment.DiffAugment;
import org.gen4j.core.loss.CriticContext;
import org.gen4j.core.loss.GanLoss;
import org.gen4j.core.loss.WeightedRegularizer;
import org.gen4j.core.model.Discriminator;
import org.gen4j.core.procedure.BatchField;
import org.gen4j.core.procedure.ClassRows;
import org.gen4j.core.procedure.DataInfo;
import org.gen4j.core.procedure.LatentGenerator;
import org.gen4j.core.procedure.Network;
import org.gen4j.core.procedure.Picture;
import org.gen4j.core.procedure.PictureContext;
import org.gen4j.core.procedure.ProcedureState;
import org.gen4j.core.procedure.SampleContext;
import org.gen4j.core.procedure.SampleRequest;
import org.gen4j.core.procedure.StepBatch;
import org.gen4j.core.procedure.StepContext;
import org.gen4j.core.procedure.StepOutcome;
import org.gen4j.core.procedure.TrainingProcedure;
import org.gen4j.core.procedure.WeightAverage;

/**
 * The GAN step of {@code gan} and {@code cgan}: {@code n-critic} discriminator updates, then one
 * generator update, each in its own gradient collection with the other network frozen.
 *
 * <p>A discriminator update draws a real batch and latent noise, runs the generator under the
 * collection (MXNet's BatchNorm must see training mode exactly when autograd records) with its
 * output detached, and minimises the loss plus the weighted penalties; constraints (weight
 * clipping) apply after its optimizer step. The generator update draws new noise and minimises
 * the generator loss through the discriminator. A conditional GAN generates every fake for the
 * labels of the real batch, so that a penalty's interpolates share one label, and binds those
 * labels to the critic while a penalty differentiates it with respect to its input only.
 *
 * <p>Latent noise comes from the run's stream {@code noise}, the penalties' random numbers from
 * {@code regularizer/<step>/<update>}: a resumed run draws exactly what a straight run would.
 */
final class AlternatingGanStep implements TrainingProcedure, LatentGenerator {

    static final String GENERATOR = "generator";
    static final String DISCRIMINATOR = "discriminator";
    private static final List<String> METRICS = List.of("loss_d", "loss_g", "penalty");

    private final GanNetworks nets;
    private final GanLoss loss;
    private final List<WeightedRegularizer> regularizers;
    private final int nCritic;
    private final int latentSize;
    private final float initStd;
    private final int classes;
    private final DataInfo data;
    private final DiffAugment augment;
    private final WeightAverage average;

    AlternatingGanStep(GanNetworks nets, GanLoss loss, List<WeightedRegularizer> regularizers,
            int nCritic, int latentSize, float initStd, DataInfo data, DiffAugment augment,
            WeightAverage.Settings averaging) {
        this.nets = nets;
        this.augment = augment;
        this.average = averaging == null ? null
                : new WeightAverage(GENERATOR, nets.generator().block(), averaging);
        this.loss = loss;
        this.regularizers = List.copyOf(regularizers);
        this.nCritic = nCritic;
        this.latentSize = latentSize;
        this.initStd = initStd;
        this.classes = nets.criticCondition() == null ? 0 : data.numClasses();
        this.data = data;
    }

    private boolean conditional() {
        return classes > 0;
    }

    @Override
    public List<Network> networks() {
        Shape z = new Shape(1, latentSize);
        Shape x = new Shape(1).addAll(data.sampleShape());
        List<Shape> g = conditional() ? List.of(z, new Shape(1)) : List.of(z);
        List<Shape> d = conditional() ? List.of(x, new Shape(1)) : List.of(x);
        return List.of(new Network(GENERATOR, nets.generator().block(), g, initStd),
                new Network(DISCRIMINATOR, nets.discriminator().block(), d, initStd));
    }

    @Override
    public Set<BatchField> requiredFields() {
        return conditional() ? Set.of(BatchField.IMAGES, BatchField.LABELS)
                : Set.of(BatchField.IMAGES);
    }

    @Override
    public int batchesPerStep() {
        return nCritic;
    }

    @Override
    public List<String> metrics() {
        return METRICS;
    }

    @Override
    public int numClasses() {
        return classes;
    }

    @Override
    public int latentSize() {
        return latentSize;
    }

    @Override
    public void check(SampleContext context) {
        if (regularizers.isEmpty()) {
            return;
        }
        CriticContext probe = new CriticContext(nets.discriminator(), context.parameterStore(),
                null, null, x -> context.forward(DISCRIMINATOR, new NDList(x)), null);
        for (WeightedRegularizer r : regularizers) {
            r.regularizer().checkSupported(probe);
        }
    }

    @Override
    public StepOutcome step(StepContext c) {
        NDArray real = null;
        NDArray labels = null;
        NDArray[] lossD = new NDArray[1];
        NDArray[] penalty = new NDArray[1];
        for (int i = 0; i < nCritic; i++) {
            StepBatch batch = c.nextBatch();
            real = batch.images();
            labels = conditional() ? batch.labels() : null;
            NDArray z = c.gaussian("noise", new Shape(batch.size(), latentSize));
            NDArray x = real;
            NDArray y = labels;
            int iteration = i;
            c.update(() -> {
                NDArray fake = augmented(c, "augment-fake", iteration,
                        generator(c::forward, z, y).stopGradient());
                NDArray seen = augmented(c, "augment-real", iteration, x);
                NDArray realLogits = critic(c::forward, seen, y);
                NDArray fakeLogits = critic(c::forward, fake, y);
                lossD[0] = loss.discriminatorLoss(realLogits, fakeLogits);
                penalty[0] = penalties(c, seen, fake, y, iteration);
                return penalty[0] == null ? lossD[0] : lossD[0].add(penalty[0]);
            }, DISCRIMINATOR);
            if (!regularizers.isEmpty()) {
                CriticContext after = context(c, x, null, y, iteration);
                for (WeightedRegularizer r : regularizers) {
                    r.regularizer().afterDiscriminatorStep(after);
                }
                unbind();
            }
        }
        NDArray x = real;
        NDArray y = labels;
        NDArray lossG = c.update(() -> {
            NDArray z = c.gaussian("noise", new Shape(x.getShape().get(0), latentSize));
            NDArray fake = augmented(c, "augment-generator", 0, generator(c::forward, z, y));
            NDArray fakeLogits = critic(c::forward, fake, y);
            NDArray realLogits = loss.generatorNeedsRealLogits()
                    ? critic(c::forward, augmented(c, "augment-generator-real", 0, x), y) : null;
            return loss.generatorLoss(fakeLogits, realLogits);
        }, GENERATOR);
        if (average != null) {
            average.update();
        }
        return StepOutcome.of(lossD[0], lossG, penalty[0]);
    }

    /** The images as the discriminator sees them: through DiffAugment when it is on. */
    private NDArray augmented(StepContext c, String purpose, int index, NDArray images) {
        return augment.isEmpty() ? images : augment.apply(images, c.stepStream(purpose, index));
    }

    /** Runs inference with the generator's averaged weights when the run keeps an average. */
    private <T> T inference(Supplier<T> body) {
        return average == null ? body.get() : average.apply(body);
    }

    /** The weight average's state, when the run keeps one. */
    @Override
    public Optional<ProcedureState> state() {
        if (average == null) {
            return Optional.empty();
        }
        return Optional.of(new ProcedureState() {
            @Override
            public void save(Writer writer) {
                average.save(writer);
            }

            @Override
            public void restore(Reader reader) {
                average.restore(reader);
            }
        });
    }

    private interface Forward {
        NDList apply(String network, NDList inputs);
    }

    private static NDArray generator(Forward f, NDArray z, NDArray labels) {
        NDList in = labels == null ? new NDList(z) : new NDList(z, labels);
        return f.apply(GENERATOR, in).singletonOrThrow();
    }

    private static NDArray critic(Forward f, NDArray x, NDArray labels) {
        NDList in = labels == null ? new NDList(x) : new NDList(x, labels);
        return f.apply(DISCRIMINATOR, in).head();
    }

    private NDArray penalties(StepContext c, NDArray real, NDArray fake, NDArray labels,
            int iteration) {
        if (regularizers.isEmpty()) {
            return null;
        }
        CriticContext context = context(c, real, fake, labels, iteration);
        NDArray total = null;
        try {
            for (WeightedRegularizer r : regularizers) {
                NDArray p = r.regularizer().penalty(context);
                if (p != null && r.weight() != 0) {
                    NDArray weighted = p.mul((float) r.weight());
                    total = total == null ? weighted : total.add(weighted);
                }
            }
        } finally {
            unbind();
        }
        return total;
    }

    /** The critic as a penalty sees it: a function of x alone, the labels bound. */
    private CriticContext context(StepContext c, NDArray real, NDArray fake, NDArray labels,
            int iteration) {
        if (labels != null) {
            nets.criticCondition().bind(labels);
        }
        Discriminator d = nets.discriminator();
        Function<NDArray, NDList> forward = x -> c.forward(DISCRIMINATOR, new NDList(x));
        return new CriticContext(d, c.parameterStore(), real, fake, forward,
                c.stepStream("regularizer", iteration));
    }

    private void unbind() {
        if (nets.criticCondition() != null) {
            nets.criticCondition().unbind();
        }
    }

    @Override
    public NDArray generate(SampleContext context, NDArray z, NDArray labels) {
        if (conditional() && labels == null) {
            throw new IllegalArgumentException("a conditional GAN generates for given classes:"
                    + " pass one label per latent vector");
        }
        if (!conditional() && labels != null) {
            throw new IllegalArgumentException("this GAN is not conditional: it takes no labels");
        }
        return inference(() -> generator(context::forward, z, labels));
    }

    @Override
    public NDArray sample(SampleContext context, SampleRequest request) {
        NDManager m = context.manager();
        float[] z = new float[Math.multiplyExact(request.count(), latentSize)];
        request.random().fillGaussian(z, 1f);
        NDArray zs = m.create(z, new Shape(request.count(), latentSize));
        NDArray ys = null;
        if (conditional()) {
            int[] labels = request.labels();
            if (labels == null) {
                labels = new int[request.count()];
                for (int i = 0; i < labels.length; i++) {
                    labels[i] = request.random().nextInt(classes);
                }
            }
            ys = m.create(labels);
        } else if (request.labels() != null) {
            throw new IllegalArgumentException("this GAN is not conditional: it takes no classes");
        }
        NDArray labels = ys;
        return inference(() -> generator(context::forward, zs, labels));
    }

    /**
     * The epoch picture: for a conditional GAN one row per class ({@link ClassRows}), otherwise
     * the default grid.
     */
    @Override
    public List<Picture> pictures(PictureContext context, DataInfo info) {
        if (!conditional()) {
            return TrainingProcedure.super.pictures(context, info);
        }
        return List.of(ClassRows.picture(context, classes, latentSize,
                (z, y) -> generate(context, z, y)));
    }
}
