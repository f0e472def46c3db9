/** The autoregressive networks, a plugin kind of this module, and their factories. */
package org.gen4j.models.autoregressive.networks;
