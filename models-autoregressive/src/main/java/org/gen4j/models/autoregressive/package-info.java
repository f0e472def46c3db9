/** Autoregressive image models: PixelCNN and its relatives, trained by exact maximum likelihood. */
package org.gen4j.models.autoregressive;
