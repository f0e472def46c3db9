/** Reconstruction terms as plugins: {@code l2}, {@code l1}, {@code bce}. */
package org.gen4j.losses.reconstruction;
