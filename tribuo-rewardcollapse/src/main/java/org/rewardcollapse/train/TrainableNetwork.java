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
package org.rewardcollapse.train;

import org.apache.commons.math3.random.Well19937c;
import org.rewardcollapse.model.Activation;
import org.rewardcollapse.model.DenseLayers;
import org.rewardcollapse.model.RewardNetwork;
import org.rewardcollapse.model.SparseFeatures;
import org.tribuo.math.Parameters;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.Tensor;
import org.tribuo.math.protos.ParametersProto;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The weights of a reward network while it trains: the trainer's working copy, mutable, in Tribuo's
 * {@link Parameters} form so that Tribuo's optimisers ({@code AdaGrad}, {@code SGD}, ...) and this package's
 * {@link Adam} update it. Training ends by {@link #freeze() freezing} it into the model's read-only
 * {@link RewardNetwork}; both compute rewards with {@link DenseLayers}.
 * <p>
 * Each layer is an {@code (inputs + 1) x outputs} {@link DenseMatrix}, input-major, its last row the bias. Gradients
 * follow Tribuo's convention: the tensors passed to {@link #update} are added to the weights.
 */
final class TrainableNetwork implements Parameters {
    private static final long serialVersionUID = 1L;

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
    TrainableNetwork(int numFeatures, int[] hiddenSizes, Activation activation, double meanActiveFeatures,
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

    private TrainableNetwork(LayerMatrix[] layers, Activation activation) {
        this.layers = layers;
        this.activation = activation;
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
        pre[0] = DenseLayers.sparseLayer(layers[0].rows(), x);
        for (int l = 1; l < layers.length; l++) {
            double[] in = post[l - 1] = DenseLayers.activate(activation, pre[l - 1]);
            pre[l] = DenseLayers.denseLayer(layers[l].rows(), in);
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
                    DenseLayers.axpy(x.values()[j], delta, g[x.indices()[j]]);
                }
            } else {
                double[] in = a.post[l - 1];
                for (int i = 0; i < inputs; i++) {
                    DenseLayers.axpy(in[i], delta, g[i]);
                }
            }
            DenseLayers.axpy(1.0, delta, g[inputs]);
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
     * Adds the negative gradient of the L2 penalty {@code coefficient / 2 * |W|^2} over all weights but the biases,
     * leaving some inputs' first-layer weights alone.
     * @param gradient The gradient to add to.
     * @param coefficient The L2 coefficient.
     * @param exempt Per input feature, true when its weights are not penalised.
     */
    public void addL2Gradient(Tensor[] gradient, double coefficient, boolean[] exempt) {
        for (int l = 0; l < layers.length; l++) {
            double[][] w = layers[l].rows();
            double[][] g = ((LayerMatrix) gradient[l]).rows();
            for (int i = 0; i < layers[l].inputs(); i++) {
                if (l == 0 && exempt[i]) {
                    continue;
                }
                for (int k = 0; k < w[i].length; k++) {
                    g[i][k] -= coefficient * w[i][k];
                }
            }
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
        Tensors.add(get(), gradients);
    }

    /**
     * Adds an update that is zero outside some first-layer rows.
     * @param gradients The update.
     * @param firstLayerRows The rows it may change, or null for all.
     */
    void update(Tensor[] gradients, TouchedRows firstLayerRows) {
        Tensors.add(get(), gradients, firstLayerRows);
    }

    /**
     * Are the weights of some first-layer rows, and of every later layer, finite?
     * @param firstLayerRows The rows, or null for all.
     * @return True if none of them is NaN or infinite.
     */
    boolean isFinite(TouchedRows firstLayerRows) {
        double[][] first = layers[0].rows();
        int rows = firstLayerRows == null ? first.length : firstLayerRows.count();
        for (int i = 0; i < rows; i++) {
            for (double w : first[firstLayerRows == null ? i : firstLayerRows.row(i)]) {
                if (!Double.isFinite(w)) {
                    return false;
                }
            }
        }
        for (int l = 1; l < layers.length; l++) {
            for (double[] row : layers[l].rows()) {
                for (double w : row) {
                    if (!Double.isFinite(w)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * The number of inputs (features) of the first layer.
     * @return The count.
     */
    int inputs() {
        return layers[0].inputs();
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
    TrainableNetwork copy() {
        LayerMatrix[] copy = new LayerMatrix[layers.length];
        for (int l = 0; l < layers.length; l++) {
            copy[l] = new LayerMatrix(layers[l].inputs(), layers[l].outputs());
            copy[l].intersectAndAddInPlace(layers[l]);
        }
        return new TrainableNetwork(copy, activation);
    }

    /**
     * The weights as the trained model's read-only network.
     * @return A copy.
     */
    RewardNetwork freeze() {
        double[][][] weights = new double[layers.length][][];
        for (int l = 0; l < layers.length; l++) {
            weights[l] = layers[l].rows();
        }
        return new RewardNetwork(weights, activation);
    }

    /**
     * The current weights in the model file's form ({@link RewardNetwork#serialize()}).
     * @return The message.
     */
    @Override
    public ParametersProto serialize() {
        return freeze().serialize();
    }

    @Override
    public String toString() {
        return "TrainableNetwork(layers=" + layers.length + ",features=" + layers[0].inputs() + ",activation="
                + activation + ")";
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
