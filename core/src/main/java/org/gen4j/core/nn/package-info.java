/** Layers that DJL lacks or gets wrong, and initialisers. */
package org.gen4j.core.nn;
