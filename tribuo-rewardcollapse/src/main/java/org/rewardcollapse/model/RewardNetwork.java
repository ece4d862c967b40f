/*
 * Copyright (c) 2026 The tribuo-rewardcollapse authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.rewardcollapse.model;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import org.apache.commons.math3.random.Well19937c;
import org.rewardcollapse.model.protos.DenseLayerProto;
import org.rewardcollapse.model.protos.RewardNetworkProto;
import org.tribuo.math.Parameters;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.Tensor;
import org.tribuo.math.protos.ParametersProto;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The parameters of a reward network: dense layers over sparse input features with an {@link Activation} between
 * them and a single output, the logit. With no hidden layer it is a linear model. Implements Tribuo's
 * {@link Parameters}, so Tribuo's optimisers ({@code AdaGrad}, {@code SGD}, ...) train it unchanged.
 * <p>
 * Each layer is stored input-major as an {@code (inputs + 1) x outputs} {@link DenseMatrix} whose last row is the
 * bias, so a sparse input touches only the rows of its active features. Gradients follow Tribuo's convention: the
 * tensors passed to {@link #update} are added to the weights.
 * <p>
 * Mutable while training; models hold a private copy.
 */
public final class RewardNetwork implements Parameters {
    private static final long serialVersionUID = 1L;

    /** Protobuf serialization version. */
    public static final int CURRENT_VERSION = 0;

    private final LayerMatrix[] layers;
    private final Activation activation;

    /**
     * Creates a randomly initialised network.
     * <p>
     * Hidden layers draw weights from N(0, gain / fan-in) (gain 2 for ReLU, He et al. 2015; 1 otherwise), where the
     * first layer's fan-in is the mean number of active features; biases are zero. The output layer starts at zero,
     * so every logit starts at 0 (a bounded reward of 1/2, where the sigmoid's slope is largest) and no ranking is
     * built in before training; a random start can order a group backwards and push a bounded model into the
     * sigmoid's flat tails before it recovers. A linear network is therefore all zeros.
     * @param numFeatures The number of input features.
     * @param hiddenSizes The widths of the hidden layers (empty for a linear model).
     * @param activation The activation between layers.
     * @param meanActiveFeatures The mean number of active features per example (the first layer's effective fan-in).
     * @param rng The source of the initial weights.
     */
    public RewardNetwork(int numFeatures, int[] hiddenSizes, Activation activation, double meanActiveFeatures,
                         SplittableRandom rng) {
        if (numFeatures < 1) {
            throw new IllegalArgumentException("a reward network needs at least one feature, found " + numFeatures);
        }
        for (int width : hiddenSizes) {
            if (width < 1) {
                throw new IllegalArgumentException("hidden layer widths must be positive, found " + Arrays.toString(hiddenSizes));
            }
        }
        this.activation = activation;
        this.layers = new LayerMatrix[hiddenSizes.length + 1];
        Well19937c gaussian = new Well19937c(rng.nextLong());
        int inputs = numFeatures;
        double fanIn = Math.max(1.0, meanActiveFeatures);
        for (int l = 0; l < layers.length; l++) {
            int outputs = l < hiddenSizes.length ? hiddenSizes[l] : 1;
            layers[l] = new LayerMatrix(inputs, outputs);
            if (l < hiddenSizes.length) {
                double gain = activation == Activation.RELU ? 2.0 : 1.0;
                double sd = Math.sqrt(gain / fanIn);
                for (int i = 0; i < inputs; i++) {
                    for (int k = 0; k < outputs; k++) {
                        layers[l].rows()[i][k] = sd * gaussian.nextGaussian();
                    }
                }
            }
            inputs = outputs;
            fanIn = outputs;
        }
    }

    private RewardNetwork(LayerMatrix[] layers, Activation activation) {
        this.layers = layers;
        this.activation = activation;
    }

    /**
     * The number of input features.
     * @return The count.
     */
    public int numFeatures() {
        return layers[0].inputs();
    }

    /**
     * The widths of the hidden layers.
     * @return A new array, empty for a linear network.
     */
    public int[] hiddenSizes() {
        int[] sizes = new int[layers.length - 1];
        for (int l = 0; l < sizes.length; l++) {
            sizes[l] = layers[l].outputs();
        }
        return sizes;
    }

    /**
     * The activation between layers.
     * @return The activation.
     */
    public Activation activation() {
        return activation;
    }

    /**
     * The number of dense layers (hidden layers plus the output layer).
     * @return The count.
     */
    public int numLayers() {
        return layers.length;
    }

    /**
     * A copy of one layer's weights, input-major, bias last: {@code [inputs + 1][outputs]}.
     * @param layer The layer.
     * @return The weights.
     */
    public double[][] layerWeights(int layer) {
        double[][] rows = layers[layer].rows();
        double[][] copy = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            copy[i] = rows[i].clone();
        }
        return copy;
    }

    /**
     * The logit of one example.
     * @param x The features.
     * @return The network output.
     */
    public double logit(SparseFeatures x) {
        return forward(x).logit();
    }

    /**
     * Runs the network and keeps what {@link #backward} needs.
     * @param x The features.
     * @return The activations.
     */
    public Activations forward(SparseFeatures x) {
        double[][] pre = new double[layers.length][];
        double[][] post = new double[layers.length - 1][];
        pre[0] = sparseLayer(layers[0], x);
        for (int l = 1; l < layers.length; l++) {
            double[] in = post[l - 1] = activate(pre[l - 1]);
            pre[l] = denseLayer(layers[l], in);
        }
        return new Activations(pre, post);
    }

    /**
     * Adds {@code scale * d logit / d weights} at one example to a gradient.
     * @param x The example's features.
     * @param a Its activations from {@link #forward}.
     * @param scale The factor, e.g. minus the loss's derivative in the logit (Tribuo's sign convention).
     * @param gradient The accumulator, from {@link #getEmptyCopy()}.
     */
    public void backward(SparseFeatures x, Activations a, double scale, Tensor[] gradient) {
        double[] delta = {scale};
        for (int l = layers.length - 1; l >= 0; l--) {
            double[][] g = ((LayerMatrix) gradient[l]).rows();
            int inputs = layers[l].inputs();
            if (l == 0) {
                for (int j = 0; j < x.indices().length; j++) {
                    axpy(x.values()[j], delta, g[x.indices()[j]]);
                }
            } else {
                double[] in = a.post[l - 1];
                for (int i = 0; i < inputs; i++) {
                    axpy(in[i], delta, g[i]);
                }
            }
            axpy(1.0, delta, g[inputs]);
            if (l > 0) {
                double[][] w = layers[l].rows();
                double[] below = new double[inputs];
                double[] z = a.pre[l - 1];
                double[] act = a.post[l - 1];
                for (int i = 0; i < inputs; i++) {
                    double sum = 0.0;
                    for (int k = 0; k < delta.length; k++) {
                        sum += w[i][k] * delta[k];
                    }
                    below[i] = sum * activation.derivative(z[i], act[i]);
                }
                delta = below;
            }
        }
    }

    /**
     * Adds the negative gradient of the L2 penalty {@code coefficient / 2 * |W|^2} over all weights but the biases.
     * @param gradient The accumulator.
     * @param coefficient The penalty coefficient.
     */
    public void addL2Gradient(Tensor[] gradient, double coefficient) {
        for (int l = 0; l < layers.length; l++) {
            double[][] w = layers[l].rows();
            double[][] g = ((LayerMatrix) gradient[l]).rows();
            for (int i = 0; i < layers[l].inputs(); i++) {
                for (int k = 0; k < w[i].length; k++) {
                    g[i][k] -= coefficient * w[i][k];
                }
            }
        }
    }

    /**
     * The squared norm of the weights without the biases.
     * @return The sum of squares.
     */
    public double weightNormSquared() {
        double sum = 0.0;
        for (LayerMatrix layer : layers) {
            for (int i = 0; i < layer.inputs(); i++) {
                for (double w : layer.rows()[i]) {
                    sum += w * w;
                }
            }
        }
        return sum;
    }

    /**
     * Are all weights finite?
     * @return True if no weight is NaN or infinite.
     */
    public boolean isFinite() {
        for (LayerMatrix layer : layers) {
            for (double[] row : layer.rows()) {
                for (double w : row) {
                    if (!Double.isFinite(w)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static double[] sparseLayer(LayerMatrix layer, SparseFeatures x) {
        double[][] w = layer.rows();
        double[] z = w[layer.inputs()].clone();
        int[] indices = x.indices();
        double[] values = x.values();
        for (int j = 0; j < indices.length; j++) {
            axpy(values[j], w[indices[j]], z);
        }
        return z;
    }

    private static double[] denseLayer(LayerMatrix layer, double[] in) {
        double[][] w = layer.rows();
        double[] z = w[layer.inputs()].clone();
        for (int i = 0; i < in.length; i++) {
            axpy(in[i], w[i], z);
        }
        return z;
    }

    private double[] activate(double[] z) {
        double[] a = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            a[k] = activation.apply(z[k]);
        }
        return a;
    }

    private static void axpy(double alpha, double[] x, double[] y) {
        if (alpha == 0.0) {
            return;
        }
        for (int k = 0; k < y.length; k++) {
            y[k] += alpha * x[k];
        }
    }

    @Override
    public Tensor[] getEmptyCopy() {
        Tensor[] copy = new Tensor[layers.length];
        for (int l = 0; l < layers.length; l++) {
            copy[l] = new LayerMatrix(layers[l].inputs(), layers[l].outputs());
        }
        return copy;
    }

    @Override
    public Tensor[] get() {
        return layers.clone();
    }

    @Override
    public void set(Tensor[] newWeights) {
        if (newWeights.length != layers.length) {
            throw new IllegalArgumentException("expected " + layers.length + " layers, found " + newWeights.length);
        }
        for (int l = 0; l < layers.length; l++) {
            if (!(newWeights[l] instanceof DenseMatrix m) || !Arrays.equals(m.getShape(), layers[l].getShape())) {
                throw new IllegalArgumentException("layer " + l + " must be a dense matrix of shape "
                        + Arrays.toString(layers[l].getShape()));
            }
            double[][] rows = layers[l].rows();
            for (int i = 0; i < rows.length; i++) {
                for (int k = 0; k < rows[i].length; k++) {
                    rows[i][k] = m.get(i, k);
                }
            }
        }
    }

    @Override
    public void update(Tensor[] gradients) {
        add(get(), gradients);
    }

    /**
     * Adds tensors element-wise into others of the same shapes: {@code into[l] += from[l]}. Layer matrices (this
     * class's weights and gradients) are added row by row; other tensors through Tribuo's element-wise operation.
     * @param into The tensors to add to.
     * @param from The tensors to add.
     */
    public static void add(Tensor[] into, Tensor[] from) {
        for (int l = 0; l < into.length; l++) {
            double[][] target = rows(into[l]);
            double[][] source = rows(from[l]);
            if (target == null || source == null) {
                into[l].intersectAndAddInPlace(from[l]);
                continue;
            }
            for (int i = 0; i < target.length; i++) {
                double[] t = target[i];
                double[] f = source[i];
                for (int k = 0; k < t.length; k++) {
                    t[k] += f[k];
                }
            }
        }
    }

    /**
     * The live value rows of a layer matrix (a reward network's weights, gradients or an optimiser's moments made by
     * {@link #getEmptyCopy()}), for optimisers that update them in one pass; null for any other tensor.
     * @param tensor A tensor.
     * @return Its rows, or null.
     */
    public static double[][] rows(Tensor tensor) {
        return tensor instanceof LayerMatrix layer ? layer.rows() : null;
    }

    @Override
    public Tensor[] merge(Tensor[][] gradients, int size) {
        Tensor[] sum = getEmptyCopy();
        for (int s = 0; s < size; s++) {
            for (int l = 0; l < layers.length; l++) {
                sum[l].intersectAndAddInPlace(gradients[s][l]);
            }
        }
        return sum;
    }

    /**
     * A deep copy.
     * @return The copy.
     */
    public RewardNetwork copy() {
        LayerMatrix[] copy = new LayerMatrix[layers.length];
        for (int l = 0; l < layers.length; l++) {
            copy[l] = new LayerMatrix(layers[l].inputs(), layers[l].outputs());
            copy[l].intersectAndAddInPlace(layers[l]);
        }
        return new RewardNetwork(copy, activation);
    }

    /**
     * The network as its own protobuf message.
     * @return The message.
     */
    public RewardNetworkProto toProto() {
        RewardNetworkProto.Builder builder = RewardNetworkProto.newBuilder().setActivation(activation.name());
        for (LayerMatrix layer : layers) {
            DenseLayerProto.Builder layerBuilder = DenseLayerProto.newBuilder()
                    .setInputs(layer.inputs()).setOutputs(layer.outputs());
            for (double[] row : layer.rows()) {
                for (double w : row) {
                    layerBuilder.addWeights(w);
                }
            }
            builder.addLayers(layerBuilder);
        }
        return builder.build();
    }

    /**
     * Rebuilds a network from its message, checking every shape and value.
     * @param proto The message.
     * @return The network.
     * @throws IllegalStateException If the message is not a valid network.
     */
    public static RewardNetwork fromProto(RewardNetworkProto proto) {
        Activation activation;
        try {
            activation = Activation.valueOf(proto.getActivation());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid reward network: unknown activation '" + proto.getActivation() + "'");
        }
        int count = proto.getLayersCount();
        if (count < 1) {
            throw new IllegalStateException("Invalid reward network: no layers");
        }
        LayerMatrix[] layers = new LayerMatrix[count];
        for (int l = 0; l < count; l++) {
            DenseLayerProto layer = proto.getLayers(l);
            int inputs = layer.getInputs();
            int outputs = layer.getOutputs();
            boolean chained = l == 0 || inputs == layers[l - 1].outputs();
            boolean last = l == count - 1;
            if (inputs < 1 || outputs < 1 || !chained || (last && outputs != 1)
                    || layer.getWeightsCount() != (long) (inputs + 1) * outputs) {
                throw new IllegalStateException(String.format(Locale.ROOT, "Invalid reward network: layer %d has "
                        + "shape %dx%d with %d weights", l, inputs, outputs, layer.getWeightsCount()));
            }
            layers[l] = new LayerMatrix(inputs, outputs);
            double[][] rows = layers[l].rows();
            for (int i = 0; i <= inputs; i++) {
                for (int k = 0; k < outputs; k++) {
                    double w = layer.getWeights(i * outputs + k);
                    if (!Double.isFinite(w)) {
                        throw new IllegalStateException("Invalid reward network: layer " + l + " has a non-finite weight");
                    }
                    rows[i][k] = w;
                }
            }
        }
        return new RewardNetwork(layers, activation);
    }

    @Override
    public ParametersProto serialize() {
        return ParametersProto.newBuilder()
                .setVersion(CURRENT_VERSION)
                .setClassName(RewardNetwork.class.getName())
                .setSerializedData(Any.pack(toProto()))
                .build();
    }

    /**
     * Deserialization factory, called by Tribuo's {@code ProtoUtil}.
     * @param version The serialized version.
     * @param className The class name.
     * @param message The payload.
     * @return The network.
     * @throws InvalidProtocolBufferException If the payload is not a {@link RewardNetworkProto}.
     */
    public static RewardNetwork deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        if (version < 0 || version > CURRENT_VERSION) {
            throw new IllegalArgumentException("Unknown version " + version + ", this class supports at most version "
                    + CURRENT_VERSION);
        }
        return fromProto(message.unpack(RewardNetworkProto.class));
    }

    @Override
    public String toString() {
        return "RewardNetwork(features=" + numFeatures() + ",hidden=" + Arrays.toString(hiddenSizes())
                + ",activation=" + activation + ")";
    }

    /**
     * The pre-activations and activations of one forward pass.
     */
    public static final class Activations {
        private final double[][] pre;
        private final double[][] post;

        private Activations(double[][] pre, double[][] post) {
            this.pre = pre;
            this.post = post;
        }

        /**
         * The network output.
         * @return The logit.
         */
        public double logit() {
            return pre[pre.length - 1][0];
        }
    }

    /**
     * A dense layer's weight (or gradient) matrix with direct row access for the sparse and dense products.
     */
    static final class LayerMatrix extends DenseMatrix {
        private static final long serialVersionUID = 1L;

        LayerMatrix(int inputs, int outputs) {
            super(inputs + 1, outputs);
        }

        double[][] rows() {
            return values;
        }

        int inputs() {
            return dim1 - 1;
        }

        int outputs() {
            return dim2;
        }
    }
}
