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

/**
 * The arithmetic of a reward network's layers, shared by the trained model ({@link RewardNetwork}) and the trainer's
 * working copy, so both compute every reward with the same operations in the same order. A layer is stored
 * input-major as {@code [inputs + 1][outputs]}, its last row the bias, so a sparse input touches only the rows of its
 * active features.
 */
public final class DenseLayers {
    private DenseLayers() {}

    /**
     * A first layer's pre-activation at a sparse input.
     * @param w The layer, input-major, bias last.
     * @param x The input.
     * @return The pre-activation.
     */
    public static double[] sparseLayer(double[][] w, SparseFeatures x) {
        double[] z = w[w.length - 1].clone();
        int[] indices = x.indices();
        double[] values = x.values();
        for (int j = 0; j < indices.length; j++) {
            axpy(values[j], w[indices[j]], z);
        }
        return z;
    }

    /**
     * A later layer's pre-activation at a dense input.
     * @param w The layer, input-major, bias last.
     * @param in The input (the activations of the layer below).
     * @return The pre-activation.
     */
    public static double[] denseLayer(double[][] w, double[] in) {
        double[] z = w[w.length - 1].clone();
        for (int i = 0; i < in.length; i++) {
            axpy(in[i], w[i], z);
        }
        return z;
    }

    /**
     * Applies an activation element-wise.
     * @param activation The activation.
     * @param z The pre-activation.
     * @return The activation, a new array.
     */
    public static double[] activate(Activation activation, double[] z) {
        double[] a = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            a[k] = activation.apply(z[k]);
        }
        return a;
    }

    /**
     * {@code y += alpha * x}, skipped when alpha is 0.
     * @param alpha The factor.
     * @param x The vector to add.
     * @param y The vector added to.
     */
    public static void axpy(double alpha, double[] x, double[] y) {
        if (alpha == 0.0) {
            return;
        }
        for (int k = 0; k < y.length; k++) {
            y[k] += alpha * x[k];
        }
    }
}
