/** The layers autoregressive models are made of: masked convolutions and the PixelRNN LSTMs. */
package org.gen4j.models.autoregressive.nn;
