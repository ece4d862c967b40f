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

import org.junit.jupiter.api.Test;
import org.rewardcollapse.model.Activation;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.Tensor;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Adam and AdamW against a scalar transcription of the published update rules (Kingma and Ba, Algorithm 1;
 * Loshchilov and Hutter, Algorithm 2, with the learning rate scaling the decay as PyTorch does).
 */
class TestAdam {
    private static final double[][] GRADIENTS = {{0.5, -1.0, 0.0}, {0.4, -0.2, 2.0}, {-0.3, 0.1, 1.5},
            {0.0, 0.0, -0.5}, {1.0, -3.0, 0.25}};

    private static double[] reference(double lr, double b1, double b2, double eps, double wd, double weight) {
        double[] theta = {0.1, -0.2, 0.3};
        double[] m = new double[3];
        double[] v = new double[3];
        for (int t = 1; t <= GRADIENTS.length; t++) {
            for (int i = 0; i < 3; i++) {
                double g = weight * GRADIENTS[t - 1][i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                theta[i] = theta[i] + lr * mHat / (Math.sqrt(vHat) + eps) - lr * wd * theta[i];
            }
        }
        return theta;
    }

    private static double[] run(Adam adam, double weight) {
        LinearParameters parameters = new LinearParameters(3, 1);
        DenseMatrix w = (DenseMatrix) parameters.get()[0];
        w.set(0, 0, 0.1);
        w.set(0, 1, -0.2);
        w.set(0, 2, 0.3);
        adam.initialise(parameters);
        for (double[] g : GRADIENTS) {
            DenseMatrix gradient = new DenseMatrix(1, 3);
            for (int i = 0; i < 3; i++) {
                gradient.set(0, i, g[i]);
            }
            Tensor[] update = adam.step(new Tensor[]{gradient}, weight);
            parameters.update(update);
        }
        return new double[]{w.get(0, 0), w.get(0, 1), w.get(0, 2)};
    }

    @Test
    void adamFollowsKingmaAndBa() {
        double[] expected = reference(0.01, 0.9, 0.999, 1e-8, 0.0, 1.0);
        double[] actual = run(new Adam(0.01), 1.0);
        for (int i = 0; i < 3; i++) {
            assertEquals(expected[i], actual[i], 1e-15);
        }
    }

    @Test
    void adamWDecaysTheWeightsDecoupledFromTheGradient() {
        double[] expected = reference(0.05, 0.8, 0.99, 1e-6, 0.1, 2.0);
        double[] actual = run(new Adam(0.05, 0.8, 0.99, 1e-6, 0.1), 2.0);
        for (int i = 0; i < 3; i++) {
            assertEquals(expected[i], actual[i], 1e-15);
        }
    }

    @Test
    void theFusedPathOnTrainableNetworksMatchesTheReference() {
        double[] expected = reference(0.05, 0.8, 0.99, 1e-6, 0.1, 2.0);
        TrainableNetwork network = new TrainableNetwork(2, new int[0], Activation.RELU, 1, new SplittableRandom(1));
        DenseMatrix w = (DenseMatrix) network.get()[0];
        w.set(0, 0, 0.1);
        w.set(1, 0, -0.2);
        w.set(2, 0, 0.3);
        Adam adam = new Adam(0.05, 0.8, 0.99, 1e-6, 0.1);
        adam.initialise(network);
        for (double[] g : GRADIENTS) {
            Tensor[] gradient = network.getEmptyCopy();
            for (int i = 0; i < 3; i++) {
                ((DenseMatrix) gradient[0]).set(i, 0, g[i]);
            }
            network.update(adam.step(gradient, 2.0));
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(expected[i], w.get(i, 0), 1e-15);
        }
    }

    @Test
    void firstStepMovesEachWeightByTheLearningRate() {
        // With bias correction the first step is lr * g / (|g| + eps): a signed step of lr for every non-zero g.
        Adam adam = new Adam(0.01);
        LinearParameters parameters = new LinearParameters(2, 1);
        adam.initialise(parameters);
        DenseMatrix g = new DenseMatrix(1, 2);
        g.set(0, 0, 123.0);
        g.set(0, 1, -0.001);
        DenseMatrix step = (DenseMatrix) adam.step(new Tensor[]{g}, 1.0)[0];
        assertEquals(0.01, step.get(0, 0), 1e-9);
        assertEquals(-0.01, step.get(0, 1), 1e-4);
    }

    @Test
    void lazyAdamIsAdamOnTheRowsItTouchesAndLeavesTheOthers() {
        // Rows 0 and 2 are touched at every step, row 1 only at the first: on the touched rows lazy Adam is Adam (the
        // reference); row 1 keeps the weight of its one step, where Adam's decaying moments keep moving it.
        TrainableNetwork lazyNetwork = new TrainableNetwork(2, new int[0], Activation.RELU, 1, new SplittableRandom(1));
        TrainableNetwork denseNetwork = new TrainableNetwork(2, new int[0], Activation.RELU, 1, new SplittableRandom(1));
        Adam lazy = Adam.lazy(0.05);
        Adam dense = new Adam(0.05);
        lazy.initialise(lazyNetwork);
        dense.initialise(denseNetwork);
        TouchedRows rows = new TouchedRows(2);
        for (int step = 0; step < GRADIENTS.length; step++) {
            rows.clear();
            rows.mark(new org.rewardcollapse.model.SparseFeatures(step == 0 ? new int[]{0, 1} : new int[]{0},
                    step == 0 ? new double[]{1, 1} : new double[]{1}));
            Tensor[] lazyGradient = lazyNetwork.getEmptyCopy();
            Tensor[] denseGradient = denseNetwork.getEmptyCopy();
            for (int i = 0; i < 3; i++) {
                double g = i == 1 && step > 0 ? 0.0 : GRADIENTS[step][i];
                ((DenseMatrix) lazyGradient[0]).set(i, 0, g);
                ((DenseMatrix) denseGradient[0]).set(i, 0, g);
            }
            lazyNetwork.update(lazy.step(lazyGradient, 1.0, rows), rows);
            denseNetwork.update(dense.step(denseGradient, 1.0));
        }
        DenseMatrix lazyWeights = (DenseMatrix) lazyNetwork.get()[0];
        DenseMatrix denseWeights = (DenseMatrix) denseNetwork.get()[0];
        assertEquals(denseWeights.get(0, 0), lazyWeights.get(0, 0), 1e-15);
        assertEquals(denseWeights.get(2, 0), lazyWeights.get(2, 0), 1e-15);
        double afterOneStep = new TrainableNetwork(2, new int[0], Activation.RELU, 1, new SplittableRandom(1))
                .get()[0] instanceof DenseMatrix m ? m.get(1, 0) + 0.05 * Math.signum(GRADIENTS[0][1]) : Double.NaN;
        assertEquals(afterOneStep, lazyWeights.get(1, 0), 1e-9);
        assertTrue(Math.abs(denseWeights.get(1, 0) - afterOneStep) > 1e-3, "dense Adam keeps moving row 1");
    }
}
