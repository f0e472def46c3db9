/** The autoencoder family: procedure. */
package org.gen4j.models.ae.procedure;
