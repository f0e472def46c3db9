package org.gen4j.example.gmmn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import java.util.List;
import org.gen4j.core.engine.Scalars;
import org.gen4j.core.nn.Layers;
import org.gen4j.core.procedure.DataInfo;
import org.gen4j.core.procedure.LatentGenerator;
import org.gen4j.core.procedure.Network;
import org.gen4j.core.procedure.SampleContext;
import org.gen4j.core.procedure.SampleRequest;
import org.gen4j.core.procedure.StepContext;
import org.gen4j.core.procedure.StepOutcome;
import org.gen4j.core.procedure.TrainingProcedure;
import org.gen4j.core.engine.HostArrays;

/**
 * A generative moment-matching network (Li, Swersky and Zemel 2015): one generator, trained to
 * minimise the maximum mean discrepancy between its samples and a real batch,
 * \( \mathrm{MMD}^2 = \overline{k(x, x')} + \overline{k(y, y')} - 2\,\overline{k(x, y)} \).
 * No discriminator: the kernel two-sample statistic is the loss.
 */
final class Gmmn implements TrainingProcedure, LatentGenerator {

    static final String GENERATOR = "generator";

    private final DataInfo data;
    private final Kernel kernel;
    private final int latentSize;
    private final SequentialBlock generator = new SequentialBlock();

    Gmmn(DataInfo data, Kernel kernel, int latentSize, int width, int depth) {
        this.data = data;
        this.kernel = kernel;
        this.latentSize = latentSize;
        for (int i = 0; i < depth; i++) {
            generator.add(Linear.builder().setUnits(width).build()).add(Layers.relu());
        }
        generator.add(Linear.builder().setUnits(data.sampleShape().size()).build());
        if (data.isImage()) {
            generator.add(Layers.tanh());
        }
        generator.add(Layers.reshape(data.sampleShape().getShape()));
    }

    @Override
    public List<Network> networks() {
        return List.of(Network.of(GENERATOR, generator, new Shape(1, latentSize), 0.1f));
    }

    @Override
    public List<String> metrics() {
        return List.of("mmd2");
    }

    @Override
    public StepOutcome step(StepContext c) {
        NDArray real = c.nextBatch().images();
        long n = real.getShape().get(0);
        NDArray z = c.gaussian("noise", new Shape(n, latentSize));
        NDArray mmd2 = c.update(() -> {
            NDArray fake = c.forward(GENERATOR, new NDList(z)).singletonOrThrow();
            return mmd2(fake.reshape(n, -1), real.reshape(n, -1));
        }, GENERATOR);
        return StepOutcome.of(mmd2);
    }

    /** The biased estimate of MMD^2 between two batches of flat samples. */
    NDArray mmd2(NDArray x, NDArray y) {
        return mean(x, x).add(mean(y, y)).sub(Scalars.mul(mean(x, y), 2));
    }

    private NDArray mean(NDArray a, NDArray b) {
        NDArray aa = a.square().sum(new int[] {1}, true);
        NDArray bb = b.square().sum(new int[] {1}, true).transpose();
        NDArray d = Scalars.maximum(aa.add(bb).sub(Scalars.mul(a.matMul(b.transpose()), 2)), 0f);
        return kernel.apply(d).mean();
    }

    @Override
    public NDArray sample(SampleContext context, SampleRequest request) {
        float[] z = new float[request.count() * latentSize];
        request.random().fillGaussian(z, 1f);
        NDArray zs = HostArrays.create(context.manager(),
                z, new Shape(request.count(), latentSize));
        return generate(context, zs, null);
    }

    @Override
    public int latentSize() {
        return latentSize;
    }

    @Override
    public NDArray generate(SampleContext context, NDArray z, NDArray labels) {
        return context.forward(GENERATOR, new NDList(z)).singletonOrThrow();
    }
}
