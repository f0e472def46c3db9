/** Loss and regularizer contracts. */
package org.gen4j.core.loss;
