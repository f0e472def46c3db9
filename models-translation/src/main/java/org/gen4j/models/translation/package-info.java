/**
 * Image-to-image networks and patch critics, registered by name for the applications: {@code
 * unet} (pix2pix), {@code resnet} (CycleGAN), {@code srresnet} (SRGAN) and {@code patchgan}.
 */
package org.gen4j.models.translation;
