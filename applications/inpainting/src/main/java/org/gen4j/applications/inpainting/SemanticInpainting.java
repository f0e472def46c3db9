package org.gen4j.applications.inpainting;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Objects;
import org.gen4j.core.engine.Scalars;
import org.gen4j.core.loss.LogitFunctions;
import org.gen4j.core.procedure.LatentGenerator;
import org.gen4j.core.procedure.SampleContext;
import org.gen4j.core.random.RandomStream;
import org.gen4j.core.translate.Inpainter;
import org.gen4j.core.engine.HostArrays;

/**
 * Semantic image inpainting (Yeh et al. 2017, https://arxiv.org/abs/1607.07539): the latent
 * {@code z} of a trained generator is searched for the image closest to the known pixels, then
 * the hole is filled from {@code G(z)}.
 *
 * <p>For images {@code y} and the mask {@code M} of known pixels, each image's {@code z} starts
 * from the model's latent distribution and takes {@code iterations} Adam steps (learning rate
 * {@code learning-rate}, betas 0.9 and 0.999) on the contextual loss {@code ||M (G(z) - y)||_1}
 * plus {@code perceptual-weight} (lambda) times the perceptual loss {@code log(1 - D(G(z)))}
 * (written {@code -softplus(D's logit)}), summed over pixels; the result is {@code M y + (1 - M)
 * G(z)}. Each image's search is its own: the networks run in inference mode, BatchNorm from its
 * running statistics ({@link SampleContext#frozen}). A model without a critic searches on the
 * contextual loss alone.
 */
final class SemanticInpainting implements Inpainter {

    /** The search's settings. */
    record Settings(int iterations, double learningRate, double perceptualWeight) {}

    private final LatentGenerator generator;
    private final String critic;
    private final Settings settings;

    /**
     * @param critic the critic's network name, or null for none
     */
    SemanticInpainting(LatentGenerator generator, String critic, Settings settings) {
        this.generator = Objects.requireNonNull(generator, "generator is null");
        this.critic = critic;
        this.settings = Objects.requireNonNull(settings, "settings is null");
    }

    @Override
    public NDArray inpaint(SampleContext context, NDArray images, boolean[] hole,
            RandomStream random) {
        Shape s = images.getShape();
        float[] z = search(context, images, hole, random);
        NDArray x = generator.generate(context, HostArrays.create(context.manager(), z, new Shape(
                s.get(0), generator.latentSize())), null);
        NDArray mask = HostArrays.create(context.manager(),
                known(hole, s), new Shape(1, s.get(1), s.get(2),
                s.get(3)));
        return images.mul(mask).add(x.mul(mask.neg().add(1f)));
    }

    /** The known-pixel mask, one value per channel and pixel. */
    private static float[] known(boolean[] hole, Shape s) {
        int c = Math.toIntExact(s.get(1));
        int pixels = Math.toIntExact(s.get(2) * s.get(3));
        float[] known = new float[c * pixels];
        for (int ch = 0; ch < c; ch++) {
            for (int p = 0; p < pixels; p++) {
                known[ch * pixels + p] = hole[p] ? 0f : 1f;
            }
        }
        return known;
    }

    /** The searched latents, {@code (N, latentSize)} row-major. */
    float[] search(SampleContext context, NDArray images, boolean[] hole, RandomStream random) {
        Shape s = images.getShape();
        int n = Math.toIntExact(s.get(0));
        int pixels = Math.toIntExact(s.get(2) * s.get(3));
        if (s.dimension() != 4 || hole.length != pixels) {
            throw new IllegalArgumentException("the hole must have one flag per pixel of the"
                    + " images " + s + ", got " + hole.length);
        }
        int c = Math.toIntExact(s.get(1));
        float[] known = known(hole, s);
        SampleContext frozen = context.frozen();
        int size = generator.latentSize();
        float[] z = generator.draw(random, n);
        float[] m = new float[z.length];
        float[] v = new float[z.length];
        double b1 = 0.9;
        double b2 = 0.999;
        for (int t = 1; t <= settings.iterations(); t++) {
            float[] g;
            try (NDManager step = context.manager().newSubManager()) {
                NDArray zz = HostArrays.create(step, z, new Shape(n, size));
                zz.setRequiresGradient(true);
                NDArray mask = HostArrays.create(step, known, new Shape(1, c, s.get(2), s.get(3)));
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray x = generator.generate(frozen, zz, null);
                    NDArray loss = x.sub(images).mul(mask).abs().sum();
                    if (critic != null && settings.perceptualWeight() > 0) {
                        NDArray logits = frozen.forward(critic, new NDList(x)).singletonOrThrow();
                        loss = loss.add(Scalars.mul(LogitFunctions.softplus(logits).neg().sum(),
                                settings.perceptualWeight()));
                    }
                    gc.backward(loss);
                }
                g = zz.getGradient().toFloatArray();
            }
            double c1 = 1 - Math.pow(b1, t);
            double c2 = 1 - Math.pow(b2, t);
            for (int i = 0; i < z.length; i++) {
                m[i] = (float) (b1 * m[i] + (1 - b1) * g[i]);
                v[i] = (float) (b2 * v[i] + (1 - b2) * g[i] * g[i]);
                z[i] -= (float) (settings.learningRate() * (m[i] / c1)
                        / (Math.sqrt(v[i] / c2) + 1e-8));
            }
        }
        return z;
    }
}
