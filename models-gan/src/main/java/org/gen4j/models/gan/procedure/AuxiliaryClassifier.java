package org.gen4j.models.gan.procedure;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.gen4j.core.engine.Scalars;
import org.gen4j.core.loss.LogitFunctions;

/**
 * ACGAN's auxiliary classifier (Odena, Olah and Shlens 2017, "Conditional Image Synthesis with
 * Auxiliary Classifier GANs", <a href="https://arxiv.org/abs/1610.09585">arXiv:1610.09585</a>):
 * the discriminator also predicts the class. It minimises the cross-entropy \( L_C \) of its
 * class logits on real images and on generated images (generated for the real batch's labels),
 * and the generator minimises \( L_C \) on its images, both with {@code class-weight} w:
 * \( L_D = L_S^D + w (L_C^{real} + L_C^{fake}) \) and \( L_G = L_S^G + w L_C^{fake} \), where
 * \( L_S \) is the run's adversarial loss. It reports {@code class_loss_d} (the discriminator's
 * two terms) and {@code class_loss_g}.
 */
final class AuxiliaryClassifier implements AuxiliaryTask {

    private final int classes;
    private final float weight;

    AuxiliaryClassifier(int classes, double weight) {
        this.classes = classes;
        this.weight = (float) weight;
    }

    @Override
    public List<String> metrics() {
        return List.of("class_loss_d", "class_loss_g");
    }

    @Override
    public int headSize() {
        return classes;
    }

    @Override
    public Term discriminatorTerm(NDArray realHead, NDArray fakeHead, NDArray labels,
            NDArray codes) {
        NDArray ce = LogitFunctions.softmaxCrossEntropy(realHead, labels)
                .add(LogitFunctions.softmaxCrossEntropy(fakeHead, labels));
        return new Term(Scalars.mul(ce, weight), List.of(ce));
    }

    @Override
    public Term generatorTerm(NDArray fakeHead, NDArray labels, NDArray codes) {
        NDArray ce = LogitFunctions.softmaxCrossEntropy(fakeHead, labels);
        return new Term(Scalars.mul(ce, weight), List.of(ce));
    }
}
