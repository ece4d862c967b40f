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
import org.rewardcollapse.model.protos.DenseLayerProto;
import org.rewardcollapse.model.protos.RewardNetworkProto;
import org.tribuo.math.protos.ParametersProto;

import java.util.Arrays;
import java.util.Locale;

/**
 * The weights of a trained reward network, read-only: dense layers over sparse input features with an
 * {@link Activation} between them and one output, the logit. With no hidden layer it is a linear model. Each layer
 * is input-major, {@code [inputs + 1][outputs]}, its last row the bias ({@link DenseLayers}).
 * <p>
 * Trainers work on a mutable copy of their own and hand the model this frozen one.
 */
public final class RewardNetwork {
    /** Serialization version of the network inside a model file. */
    public static final int CURRENT_VERSION = 0;

    private final double[][][] layers;
    private final Activation activation;

    /**
     * Creates a network from weights, which are copied and checked.
     * @param layers Per layer, {@code [inputs + 1][outputs]}; each layer's outputs are the next one's inputs, the last
     *               layer has one output.
     * @param activation The activation between layers.
     * @throws IllegalArgumentException If the shapes do not chain or a weight is not finite.
     */
    public RewardNetwork(double[][][] layers, Activation activation) {
        if (layers.length < 1 || activation == null) {
            throw new IllegalArgumentException("a reward network needs at least one layer and an activation");
        }
        this.layers = new double[layers.length][][];
        for (int l = 0; l < layers.length; l++) {
            int inputs = layers[l].length - 1;
            int outputs = inputs < 0 || layers[l].length == 0 ? 0 : layers[l][0].length;
            boolean chained = l == 0 || inputs == this.layers[l - 1][0].length;
            if (inputs < 1 || outputs < 1 || !chained || (l == layers.length - 1 && outputs != 1)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "layer %d has shape %dx%d, which does "
                        + "not fit the network", l, inputs, outputs));
            }
            this.layers[l] = new double[inputs + 1][];
            for (int i = 0; i <= inputs; i++) {
                if (layers[l][i].length != outputs || !Arrays.stream(layers[l][i]).allMatch(Double::isFinite)) {
                    throw new IllegalArgumentException("layer " + l + ", row " + i + " has " + layers[l][i].length
                            + " weights (expected " + outputs + ") or a non-finite one");
                }
                this.layers[l][i] = layers[l][i].clone();
            }
        }
        this.activation = activation;
    }

    /**
     * The number of input features.
     * @return The count.
     */
    public int numFeatures() {
        return layers[0].length - 1;
    }

    /**
     * The widths of the hidden layers.
     * @return A new array, empty for a linear network.
     */
    public int[] hiddenSizes() {
        int[] sizes = new int[layers.length - 1];
        for (int l = 0; l < sizes.length; l++) {
            sizes[l] = layers[l][0].length;
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
        double[][] copy = new double[layers[layer].length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = layers[layer][i].clone();
        }
        return copy;
    }

    /**
     * The logit of one example.
     * @param x The features.
     * @return The network output.
     */
    public double logit(SparseFeatures x) {
        double[] z = DenseLayers.sparseLayer(layers[0], x);
        for (int l = 1; l < layers.length; l++) {
            z = DenseLayers.denseLayer(layers[l], DenseLayers.activate(activation, z));
        }
        return z[0];
    }

    /**
     * The network as its own protobuf message.
     * @return The message.
     */
    public RewardNetworkProto toProto() {
        RewardNetworkProto.Builder builder = RewardNetworkProto.newBuilder().setActivation(activation.name());
        for (double[][] layer : layers) {
            DenseLayerProto.Builder layerBuilder = DenseLayerProto.newBuilder()
                    .setInputs(layer.length - 1).setOutputs(layer[0].length);
            for (double[] row : layer) {
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
        double[][][] layers = new double[proto.getLayersCount()][][];
        for (int l = 0; l < layers.length; l++) {
            DenseLayerProto layer = proto.getLayers(l);
            int inputs = layer.getInputs();
            int outputs = layer.getOutputs();
            if (inputs < 1 || outputs < 1 || layer.getWeightsCount() != (long) (inputs + 1) * outputs) {
                throw new IllegalStateException(String.format(Locale.ROOT, "Invalid reward network: layer %d has "
                        + "shape %dx%d with %d weights", l, inputs, outputs, layer.getWeightsCount()));
            }
            layers[l] = new double[inputs + 1][outputs];
            for (int i = 0; i <= inputs; i++) {
                for (int k = 0; k < outputs; k++) {
                    layers[l][i][k] = layer.getWeights(i * outputs + k);
                }
            }
        }
        try {
            return new RewardNetwork(layers, activation);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid reward network: " + e.getMessage());
        }
    }

    /**
     * The network as the Tribuo parameters message a model file holds (class name {@code RewardNetwork}, as files
     * written by every version of this project hold it).
     * @return The message.
     */
    public ParametersProto serialize() {
        return ParametersProto.newBuilder().setVersion(CURRENT_VERSION).setClassName(RewardNetwork.class.getName())
                .setSerializedData(Any.pack(toProto())).build();
    }

    /**
     * Reads the network of a model file.
     * @param proto The parameters message.
     * @return The network.
     * @throws IllegalStateException If the message holds another class, an unknown version or an invalid network.
     * @throws InvalidProtocolBufferException If the payload is not a network.
     */
    public static RewardNetwork deserialize(ParametersProto proto) throws InvalidProtocolBufferException {
        if (!RewardNetwork.class.getName().equals(proto.getClassName())) {
            throw new IllegalStateException("Invalid protobuf, parameters must be a " + RewardNetwork.class.getName()
                    + ", found " + proto.getClassName());
        }
        if (proto.getVersion() < 0 || proto.getVersion() > CURRENT_VERSION) {
            throw new IllegalStateException("Unknown reward network version " + proto.getVersion()
                    + ", this class supports at most version " + CURRENT_VERSION);
        }
        return fromProto(proto.getSerializedData().unpack(RewardNetworkProto.class));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RewardNetwork other && activation == other.activation
                && Arrays.deepEquals(layers, other.layers);
    }

    @Override
    public int hashCode() {
        return 31 * activation.hashCode() + Arrays.deepHashCode(layers);
    }

    @Override
    public String toString() {
        return "RewardNetwork(features=" + numFeatures() + ",hidden=" + Arrays.toString(hiddenSizes())
                + ",activation=" + activation + ")";
    }
}
