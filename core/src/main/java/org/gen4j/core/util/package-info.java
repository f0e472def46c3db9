/** Small utilities: options with range checks, atomic file writes, chart axis ticks. */
package org.gen4j.core.util;
