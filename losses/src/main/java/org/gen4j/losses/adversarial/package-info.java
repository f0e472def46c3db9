/** Adversarial losses computed from logits: the math as static functions, plus their plugins. */
package org.gen4j.losses.adversarial;
