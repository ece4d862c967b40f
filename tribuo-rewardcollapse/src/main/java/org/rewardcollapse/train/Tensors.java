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

import org.tribuo.math.la.Tensor;

import java.util.Arrays;

/**
 * Element-wise operations on a network's tensors (weights, gradients, updates) that visit only the first-layer rows a
 * minibatch touched when that is all that can be non-zero: with hashed words, a batch touches a few hundred of many
 * thousands of rows.
 */
final class Tensors {
    private Tensors() {}

    /**
     * Adds tensors element-wise into others of the same shapes: {@code into[l] += from[l]}. Layer matrices (a
     * network's weights and gradients) are added row by row; other tensors through Tribuo's element-wise operation.
     * @param into The tensors to add to.
     * @param from The tensors to add.
     */
    static void add(Tensor[] into, Tensor[] from) {
        add(into, from, null);
    }

    /**
     * Adds tensors element-wise into others, visiting only some rows of the first layer.
     * @param into The tensors to add to.
     * @param from The tensors to add.
     * @param firstLayerRows The first-layer rows that may be non-zero in {@code from}, or null for all.
     */
    static void add(Tensor[] into, Tensor[] from, TouchedRows firstLayerRows) {
        if (firstLayerRows != null && TrainableNetwork.rows(into[0]) != null && TrainableNetwork.rows(from[0]) != null) {
            double[][] target = TrainableNetwork.rows(into[0]);
            double[][] source = TrainableNetwork.rows(from[0]);
            for (int r = 0; r < firstLayerRows.count(); r++) {
                int i = firstLayerRows.row(r);
                double[] t = target[i];
                double[] f = source[i];
                for (int k = 0; k < t.length; k++) {
                    t[k] += f[k];
                }
            }
            Tensor[] rest = Arrays.copyOfRange(into, 1, into.length);
            addDense(rest, Arrays.copyOfRange(from, 1, from.length));
            return;
        }
        addDense(into, from);
    }

    /**
     * Zeroes tensors, visiting only some rows of the first layer.
     * @param tensors The tensors.
     * @param firstLayerRows The first-layer rows that may be non-zero, or null for all.
     */
    static void zero(Tensor[] tensors, TouchedRows firstLayerRows) {
        for (int l = 0; l < tensors.length; l++) {
            double[][] r = TrainableNetwork.rows(tensors[l]);
            if (l == 0 && firstLayerRows != null && r != null) {
                for (int i = 0; i < firstLayerRows.count(); i++) {
                    Arrays.fill(r[firstLayerRows.row(i)], 0.0);
                }
            } else {
                tensors[l].scaleInPlace(0.0);
            }
        }
    }

    /**
     * Scales tensors, visiting only some rows of the first layer.
     * @param tensors The tensors.
     * @param factor The factor.
     * @param firstLayerRows The first-layer rows that may be non-zero, or null for all.
     */
    static void scale(Tensor[] tensors, double factor, TouchedRows firstLayerRows) {
        for (int l = 0; l < tensors.length; l++) {
            double[][] r = TrainableNetwork.rows(tensors[l]);
            if (l == 0 && firstLayerRows != null && r != null) {
                for (int i = 0; i < firstLayerRows.count(); i++) {
                    double[] row = r[firstLayerRows.row(i)];
                    for (int k = 0; k < row.length; k++) {
                        row[k] *= factor;
                    }
                }
            } else {
                tensors[l].scaleInPlace(factor);
            }
        }
    }

    private static void addDense(Tensor[] into, Tensor[] from) {
        for (int l = 0; l < into.length; l++) {
            double[][] target = TrainableNetwork.rows(into[l]);
            double[][] source = TrainableNetwork.rows(from[l]);
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
}
