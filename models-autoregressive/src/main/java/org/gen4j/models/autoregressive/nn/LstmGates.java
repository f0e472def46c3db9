package org.gen4j.models.autoregressive.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;

/**
 * One LSTM update from its gate pre-activations, shared by the PixelRNN layers: {@code [o, f, i,
 * g]}, four blocks of {@code h} channels along the last axis, give {@code c' = sigmoid(f) c +
 * sigmoid(i) tanh(g)} and {@code h' = sigmoid(o) tanh(c')}.
 *
 * <p>The blocks come from {@code split}, not slicing: on MXNet, slicing the channels of a oneDNN
 * convolution's output crashes in backward. With channel groups interleaved ({@link
 * MaskedConv2d#group}) and {@code h} a multiple of the colours, gate channel {@code b h + j} has
 * the colour of unit {@code j}, so the update keeps the colour masks.
 */
final class LstmGates {

    private LstmGates() {}

    /**
     * The new cell and hidden state.
     *
     * @param pre the pre-activations, {@code (..., 4h)}
     * @param cell the previous cell state, {@code (..., h)}, or null for zeros
     * @return {@code {cell, hidden}}
     */
    static NDArray[] update(NDArray pre, NDArray cell) {
        NDList gates = pre.split(4, pre.getShape().dimension() - 1);
        NDArray o = Activation.sigmoid(gates.get(0));
        NDArray f = Activation.sigmoid(gates.get(1));
        NDArray i = Activation.sigmoid(gates.get(2));
        NDArray g = gates.get(3).tanh();
        NDArray c = cell == null ? i.mul(g) : f.mul(cell).add(i.mul(g));
        return new NDArray[] {c, o.mul(c.tanh())};
    }
}
