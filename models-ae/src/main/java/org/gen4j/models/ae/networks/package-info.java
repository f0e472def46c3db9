/** The autoencoder family: networks. */
package org.gen4j.models.ae.networks;
