/** The autoencoder family plugin: {@code ae}, {@code vae}, {@code cvae}. */
package org.gen4j.models.ae;
