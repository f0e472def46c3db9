package org.gen4j.models.gan.procedure;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.gen4j.core.engine.Scalars;
import org.gen4j.core.procedure.LatentCodes;
import org.gen4j.core.loss.LogitFunctions;
import org.gen4j.core.random.RandomStream;

/**
 * InfoGAN's latent codes and their mutual-information term (Chen et al. 2016, "InfoGAN:
 * Interpretable Representation Learning by Information Maximizing Generative Adversarial Nets",
 * <a href="https://arxiv.org/abs/1606.03657">arXiv:1606.03657</a>).
 *
 * <p>The generator's input is {@code (z, c)}: one categorical code of K values (one-hot, drawn
 * uniformly) and {@code continuous} codes drawn from U(-1, 1). The Q network, an auxiliary head
 * on the discriminator's body, gives K logits and a mean per continuous code. The variational
 * lower bound of the mutual information \( I(c; G(z, c)) \ge H(c) - L_I \) is maximised through
 * \( L_I = CE(Q_{cat}, c_{cat}) + w_{cont} \cdot \tfrac12 \| Q_{cont} - c_{cont} \|^2 \) (a unit
 * Gaussian's negative log-likelihood up to a constant), weighted by {@code info-weight} lambda in
 * both updates: the discriminator's on its detached fakes trains Q and the shared body, the
 * generator's trains G. It reports {@code info_loss} (the generator update's \( L_I \)) and
 * {@code mutual_info}, the categorical bound \( \log K - CE \) in nats, which rises from about 0
 * as the codes come to control the images.
 */
final class InformationCodes implements AuxiliaryTask {

    private final int categories;
    private final int continuous;
    private final float lambda;
    private final float continuousWeight;

    InformationCodes(int categories, int continuous, double lambda, double continuousWeight) {
        this.categories = categories;
        this.continuous = continuous;
        this.lambda = (float) lambda;
        this.continuousWeight = (float) continuousWeight;
    }

    /** The categorical code's values. */
    int categories() {
        return categories;
    }

    @Override
    public List<String> metrics() {
        return List.of("info_loss", "mutual_info");
    }

    @Override
    public int headSize() {
        return categories + continuous;
    }

    @Override
    public int codeSize() {
        return categories + continuous;
    }

    @Override
    public float[] drawCodes(RandomStream random, int n, int category) {
        float[] c = new float[n * codeSize()];
        for (int i = 0; i < n; i++) {
            int k = category >= 0 ? category : random.nextInt(categories);
            c[i * codeSize() + k] = 1f;
            for (int j = 0; j < continuous; j++) {
                c[i * codeSize() + categories + j] = (float) (2 * random.nextDouble() - 1);
            }
        }
        return c;
    }

    /**
     * Codes with the categorical value of each label and the continuous codes at 0, {@code (n,
     * codeSize)}, in the labels' manager.
     */
    NDArray fixed(NDArray labels) {
        NDArray oneHot = labels.toType(DataType.INT32, false).oneHot(categories)
                .toType(DataType.FLOAT32, false);
        if (continuous == 0) {
            return oneHot;
        }
        return oneHot.concat(labels.getManager().zeros(new Shape(labels.getShape().get(0),
                continuous)), 1);
    }

    /** Where the codes sit in the generator's input, after {@code noise} values of noise. */
    List<LatentCodes.Code> layout(int noise) {
        List<LatentCodes.Code> codes = new ArrayList<>();
        codes.add(LatentCodes.Code.categorical("category", noise, categories));
        for (int j = 0; j < continuous; j++) {
            codes.add(LatentCodes.Code.continuous("continuous-" + (j + 1), noise + categories + j,
                    -1, 1));
        }
        return codes;
    }

    /** {@code L_I} and the categorical cross-entropy. */
    private NDArray[] information(NDArray head, NDArray codes) {
        NDArray logits = head.get(":, :" + categories);
        NDArray labels = codes.get(":, :" + categories).argMax(1);
        NDArray ce = LogitFunctions.softmaxCrossEntropy(logits, labels);
        NDArray info = ce;
        if (continuous > 0) {
            NDArray diff = head.get(":, " + categories + ":").sub(codes.get(":, " + categories
                    + ":"));
            info = info.add(Scalars.mul(diff.square().sum(new int[] {1}).mean(),
                    0.5f * continuousWeight));
        }
        return new NDArray[] {info, ce};
    }

    @Override
    public Term discriminatorTerm(NDArray realHead, NDArray fakeHead, NDArray labels,
            NDArray codes) {
        return new Term(Scalars.mul(information(fakeHead, codes)[0], lambda), List.of());
    }

    @Override
    public Term generatorTerm(NDArray fakeHead, NDArray labels, NDArray codes) {
        NDArray[] info = information(fakeHead, codes);
        NDArray bound = info[1].neg().add((float) Math.log(categories));
        return new Term(Scalars.mul(info[0], lambda), List.of(info[0], bound));
    }
}
