/** Image output: PNG sample grids and single images. */
package org.gen4j.core.image;
