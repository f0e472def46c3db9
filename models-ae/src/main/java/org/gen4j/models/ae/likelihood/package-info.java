/** The autoencoder family: likelihood. */
package org.gen4j.models.ae.likelihood;
