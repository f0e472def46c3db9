/**
 * StarGAN, assembled from plugins: the procedure {@code stargan} (a registered translator
 * conditioned on the target domain, a patch critic with a domain head, a registered penalty).
 */
package org.gen4j.applications.stargan;
