/**
 * pix2pix, assembled from plugins: the procedure {@code pix2pix} (a registered translator under
 * a conditional patch critic, with a weighted reconstruction term) and the derived data set
 * {@code fashion-edges}.
 */
package org.gen4j.applications.pix2pix;
