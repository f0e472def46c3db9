package org.gen4j.models.gan.procedure;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.gen4j.core.augment.DiffAugment;
import org.gen4j.core.loss.GanLoss;
import org.gen4j.core.loss.WeightedRegularizer;
import org.gen4j.core.procedure.BatchField;
import org.gen4j.core.procedure.ClassRows;
import org.gen4j.core.procedure.DataInfo;
import org.gen4j.core.procedure.LatentCodes;
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
import org.gen4j.core.procedure.UpdateScope;
import org.gen4j.core.procedure.WeightAverage;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.engine.HostArrays;

/**
 * The GAN step of {@code gan}, {@code cgan}, {@code acgan} and {@code infogan}: {@code n-critic}
 * discriminator updates, then one generator update, each in its own gradient collection with the
 * other network frozen.
 *
 * <p>A discriminator update draws a real batch and latent noise, runs the generator under the
 * collection (MXNet's BatchNorm must see training mode exactly when autograd records) with its
 * output detached, and minimises the loss plus the weighted penalties; constraints (weight
 * clipping) apply after its optimizer step. The generator update minimises the generator loss
 * through the updated discriminator, on fakes of new noise; or, with {@code reuse-fakes} and one
 * critic update per step, on the fakes of the critic update, whose graph the generator recorded
 * then (one generator pass per step, as PyTorch's DCGAN example). A class-conditional generator
 * (cgan, acgan) generates every fake for the labels of the real batch, so that a penalty's
 * interpolates share one label; a cgan critic sees the labels too, bound while a penalty
 * differentiates it with respect to its input only. An {@link AuxiliaryTask} (ACGAN's classifier, InfoGAN's codes) adds
 * its term on the discriminator's second head to both updates.
 *
 * <p>ProGAN ({@code progan}) sets both networks' stage and fade-in weight from its {@link
 * Growth} schedule before each step.
 *
 * <p>With DiffAugment, every image the discriminator sees, real or generated, goes through it
 * first (streams {@code augment-*} of the step). With a weight average ({@code ema}), the
 * generator's average is updated after each generator step and used for sampling.
 *
 * <p>Latent noise comes from the run's stream {@code noise}, InfoGAN's codes from {@code codes},
 * the penalties' random numbers from {@code regularizer/<step>/<update>}: a resumed run draws
 * exactly what a straight run would.
 */
final class AlternatingGanStep implements TrainingProcedure, LatentGenerator, LatentCodes {

    static final String GENERATOR = "generator";
    static final String DISCRIMINATOR = "discriminator";
    private static final List<String> METRICS = List.of("loss_d", "loss_g", "penalty");

    private final GanNetworks nets;
    private final GanLoss loss;
    private final CriticPenalties penalties;
    private final int nCritic;
    private final int latentSize;
    private final float initStd;
    private final int classes;
    private final DataInfo data;
    private final DiffAugment augment;
    private final WeightAverage average;
    private final AuxiliaryTask auxiliary;
    private final int codeSize;
    private final Growth growth;
    /** Whether the generator update back-propagates through the critic update's fakes. */
    private final boolean reuseFakes;
    /** The reported values, fixed at construction (the trainer asks every step). */
    private final List<String> metrics;

    /** The settings of one GAN procedure's step; {@code growth} is ProGAN's, or null. */
    record Settings(int nCritic, int latentSize, float initStd, DiffAugment augment,
            WeightAverage.Settings averaging, AuxiliaryTask auxiliary, Growth growth,
            boolean reuseFakes) {}

    AlternatingGanStep(GanNetworks nets, GanLoss loss, List<WeightedRegularizer> regularizers,
            DataInfo data, Settings settings) {
        this.nets = nets;
        this.loss = loss;
        this.penalties = new CriticPenalties(nets, regularizers);
        this.nCritic = settings.nCritic();
        this.latentSize = settings.latentSize();
        this.initStd = settings.initStd();
        this.classes = nets.generatorLabels() ? data.numClasses() : 0;
        this.data = data;
        this.augment = settings.augment();
        this.average = settings.averaging() == null ? null
                : new WeightAverage(GENERATOR, nets.generator().block(), settings.averaging());
        this.auxiliary = settings.auxiliary();
        this.codeSize = auxiliary == null ? 0 : auxiliary.codeSize();
        this.growth = settings.growth();
        this.reuseFakes = settings.reuseFakes() && nCritic == 1;
        List<String> names = new ArrayList<>(METRICS);
        if (auxiliary != null) {
            names.addAll(auxiliary.metrics());
        }
        this.metrics = List.copyOf(names);
    }

    private boolean conditional() {
        return classes > 0;
    }

    private boolean criticSeesLabels() {
        return nets.criticLabels();
    }

    @Override
    public List<Network> networks() {
        Shape z = new Shape(1, latentSize + codeSize);
        Shape x = new Shape(1).addAll(data.sampleShape());
        List<Shape> g = conditional() ? List.of(z, new Shape(1)) : List.of(z);
        List<Shape> d = criticSeesLabels() ? List.of(x, new Shape(1)) : List.of(x);
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
        return metrics;
    }

    @Override
    public int numClasses() {
        return classes;
    }

    /** The generator's whole input: the noise and InfoGAN's codes. */
    @Override
    public int latentSize() {
        return latentSize + codeSize;
    }

    @Override
    public void check(SampleContext context) {
        penalties.check(context);
    }

    @Override
    public StepOutcome step(StepContext c) {
        if (growth != null) {
            growth.at(c.step(), c.totalSteps());
        }
        NDArray real = null;
        NDArray labels = null;
        NDArray[] lossD = new NDArray[1];
        NDArray[] penalty = new NDArray[1];
        NDArray[] generated = new NDArray[1];
        NDArray[] generatedCodes = new NDArray[1];
        Set<String> recorded = reuseFakes ? Set.of(GENERATOR) : Set.of();
        List<NDArray> extra = new ArrayList<>();
        for (int i = 0; i < nCritic; i++) {
            // The arrays of every critic update are freed after it, but for what the generator
            // update and the outcome read from the last one: with n-critic 5, keeping five
            // recorded penalty graphs until the step ends tripled the WGAN-GP step's peak
            // memory, and keeping the last one's through the generator update cost another
            // third. Fakes the generator update reuses keep their recorded graph in the step:
            // then only the critic's passes are the scope's.
            UpdateScope scope = UpdateScope.open(c.manager());
            StepBatch batch = c.nextBatch();
            real = ownInput(scope, batch.images());
            labels = conditional() ? ownInput(scope, batch.labels()) : null;
            NDArray codes = ownInput(scope, codes(c, batch.size()));
            NDArray z = input(ownInput(scope, c.gaussian("noise", new Shape(batch.size(),
                    latentSize))), codes);
            NDArray x = real;
            NDArray y = labels;
            int iteration = i;
            List<NDArray> values = new ArrayList<>();
            generatedCodes[0] = codes;
            c.update(() -> {
                generated[0] = reuseFakes ? generator(c::forward, z, generatorLabels(y))
                        : unrecordedFakes(scope, c::forward, z, generatorLabels(y));
                NDArray fake = scope.own(augmented(c, "augment-fake", iteration,
                        generated[0].stopGradient()));
                NDArray seen = criticInput(scope, augmented(c, "augment-real", iteration, x), x);
                NDList realOut = critic(c::forward, seen, criticLabels(y));
                NDList fakeOut = critic(c::forward, fake, criticLabels(y));
                lossD[0] = loss.discriminatorLoss(realOut.head(), fakeOut.head());
                NDArray total = lossD[0];
                if (auxiliary != null) {
                    AuxiliaryTask.Term t = auxiliary.discriminatorTerm(realOut.get(1),
                            fakeOut.get(1), y, codes);
                    total = total.add(t.loss());
                    values.clear();
                    values.addAll(t.values());
                }
                penalty[0] = penalties.penalty(c, seen, fake, y, iteration);
                return penalty[0] == null ? total : total.add(penalty[0]);
            }, recorded, DISCRIMINATOR);
            if (i == nCritic - 1) {
                extra.addAll(values);
            }
            penalties.afterStep(c, x, y, iteration);
            if (i == nCritic - 1) {
                scope.keep(real, labels, lossD[0], penalty[0]);
                scope.keep(extra.toArray(NDArray[]::new));
            }
            scope.close();
        }
        NDArray x = real;
        NDArray y = labels;
        NDArray[] lossG = new NDArray[1];
        c.update(() -> {
            NDArray codes;
            NDArray images;
            if (reuseFakes) {
                codes = generatedCodes[0];
                images = generated[0];
            } else {
                long n = x.getShape().get(0);
                codes = codes(c, n);
                NDArray z = input(c.gaussian("noise", new Shape(n, latentSize)), codes);
                images = generator(c::forward, z, generatorLabels(y));
            }
            NDArray fake = augmented(c, "augment-generator", 0, images);
            NDList fakeOut = critic(c::forward, fake, criticLabels(y));
            NDArray realLogits = loss.generatorNeedsRealLogits() ? critic(c::forward,
                    augmented(c, "augment-generator-real", 0, x), criticLabels(y)).head() : null;
            lossG[0] = loss.generatorLoss(fakeOut.head(), realLogits);
            if (auxiliary == null) {
                return lossG[0];
            }
            AuxiliaryTask.Term t = auxiliary.generatorTerm(fakeOut.get(1), y, codes);
            extra.addAll(t.values());
            return lossG[0].add(t.loss());
        }, GENERATOR);
        if (average != null) {
            average.update();
        }
        List<NDArray> all = new ArrayList<>(List.of(lossD[0], lossG[0]));
        all.add(penalty[0]);
        all.addAll(extra);
        return StepOutcome.of(all.toArray(NDArray[]::new));
    }

    /**
     * The generator's output for a critic update that does not record it, with the network's
     * intermediate arrays (its input included) freed at once instead of with the update: nothing
     * differentiates through them, and on the WGAN-GP benchmark they were about a tenth of the
     * update's arrays.
     */
    private static NDArray unrecordedFakes(UpdateScope scope, Forward f, NDArray z,
            NDArray labels) {
        try (NDManager network = scope.newSubManager()) {
            z.attach(network);
            return scope.own(generator(f, z, labels));
        }
    }

    /**
     * Moves an input of a critic update into its scope, unless the generator update reuses the
     * update's fakes: their recorded graph, from the noise on, stays in the step.
     */
    private NDArray ownInput(UpdateScope scope, NDArray array) {
        return reuseFakes ? array : scope.own(array);
    }

    /**
     * The critic's input for the real images, in the update's scope, so that the critic's passes
     * (and the penalty) computed from it are freed with the update. When the generator update
     * reuses the fakes the real batch stays in the step, and an unaugmented batch is copied.
     */
    private NDArray criticInput(UpdateScope scope, NDArray seen, NDArray real) {
        return scope.own(reuseFakes && seen == real ? real.duplicate() : seen);
    }

    private NDArray generatorLabels(NDArray labels) {
        return conditional() ? labels : null;
    }

    private NDArray criticLabels(NDArray labels) {
        return criticSeesLabels() ? labels : null;
    }

    /** InfoGAN's codes for n samples from the run's stream {@code codes}, or null. */
    private NDArray codes(StepContext c, long n) {
        int count = Math.toIntExact(n);
        return codeSize == 0 ? null : HostArrays.create(c.manager(),
                auxiliary.drawCodes(c.stream("codes"),
                count, -1), new Shape(count, codeSize));
    }

    private static NDArray input(NDArray noise, NDArray codes) {
        return codes == null ? noise : noise.concat(codes, 1);
    }

    /** The images as the discriminator sees them: through DiffAugment when it is on. */
    private NDArray augmented(StepContext c, String purpose, int index, NDArray images) {
        return augment.isEmpty() ? images : augment.apply(images, c.stepStream(purpose, index));
    }

    private interface Forward {
        NDList apply(String network, NDList inputs);
    }

    private static NDArray generator(Forward f, NDArray z, NDArray labels) {
        NDList in = labels == null ? new NDList(z) : new NDList(z, labels);
        return f.apply(GENERATOR, in).singletonOrThrow();
    }

    private static NDList critic(Forward f, NDArray x, NDArray labels) {
        NDList in = labels == null ? new NDList(x) : new NDList(x, labels);
        return f.apply(DISCRIMINATOR, in);
    }

    /** Runs inference with the generator's averaged weights when the run keeps an average. */
    private <T> T inference(Supplier<T> body) {
        return average == null ? body.get() : average.apply(body);
    }

    /** The weight average and the growth position, when the run has them. */
    @Override
    public Optional<ProcedureState> state() {
        return GanState.of(average, growth);
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
        NDArray zs = HostArrays.create(m, draw(request.random(), request.count()),
                new Shape(request.count(), latentSize()));
        NDArray ys = null;
        if (conditional()) {
            int[] labels = request.labels();
            if (labels == null) {
                labels = new int[request.count()];
                for (int i = 0; i < labels.length; i++) {
                    labels[i] = request.random().nextInt(classes);
                }
            }
            ys = HostArrays.create(m, labels);
        } else if (request.labels() != null) {
            throw new IllegalArgumentException("this GAN is not conditional: it takes no classes");
        }
        NDArray labels = ys;
        return inference(() -> generator(context::forward, zs, labels));
    }

    /**
     * Generator inputs of n samples, as {@link #sample} draws them: standard normal noise, then
     * InfoGAN's codes, vector by vector.
     */
    @Override
    public float[] draw(RandomStream random, int n) {
        float[] noise = new float[Math.multiplyExact(n, latentSize)];
        random.fillGaussian(noise, 1f);
        if (codeSize == 0) {
            return noise;
        }
        float[] codes = auxiliary.drawCodes(random, n, -1);
        int width = latentSize + codeSize;
        float[] all = new float[n * width];
        for (int i = 0; i < n; i++) {
            System.arraycopy(noise, i * latentSize, all, i * width, latentSize);
            System.arraycopy(codes, i * codeSize, all, i * width + latentSize, codeSize);
        }
        return all;
    }

    /**
     * The epoch picture: for a class-conditional GAN one row per class ({@link ClassRows}), for
     * InfoGAN one row per value of the categorical code; otherwise the default grid.
     */
    @Override
    public List<Picture> pictures(PictureContext context, DataInfo info) {
        if (conditional()) {
            return List.of(ClassRows.picture(context, classes, latentSize,
                    (z, y) -> generate(context, z, y)));
        }
        if (auxiliary instanceof InformationCodes codes) {
            Picture rows = ClassRows.picture(context, codes.categories(), latentSize,
                    (z, y) -> generate(context, input(z, codes.fixed(y)), null));
            return List.of(new Picture(rows.name(), "one row per value of the categorical code,"
                    + " continuous codes 0", rows.values(), rows.count(), rows.sampleShape(),
                    rows.columns()));
        }
        return TrainingProcedure.super.pictures(context, info);
    }

    @Override
    public List<LatentCodes.Code> codes() {
        return auxiliary instanceof InformationCodes codes ? codes.layout(latentSize) : List.of();
    }
}
