/** Data sets: IDX files, image folders, Gaussian mixtures, embedded samples, and the batch loader. */
package org.gen4j.core.data;
