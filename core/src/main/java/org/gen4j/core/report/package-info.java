/** The HTML run report: loss curves and sample grids. */
package org.gen4j.core.report;
