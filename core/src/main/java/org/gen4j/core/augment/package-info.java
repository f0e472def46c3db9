/** Augmentations of training images: {@link org.gen4j.core.augment.DiffAugment}. */
package org.gen4j.core.augment;
