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

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import org.tribuo.math.Parameters;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.Tensor;

/**
 * Adam, and AdamW when {@code weightDecay} &gt; 0, as a Tribuo {@link StochasticGradientOptimiser}.
 * <pre>
 * Kingma, Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015.
 * Loshchilov, Hutter, "Decoupled Weight Decay Regularization", ICLR 2019.
 * </pre>
 * With g the gradient step Tribuo passes in (the negative loss gradient, times the example weight) and t the step:
 * <pre>
 *   m = b1 m + (1 - b1) g,   v = b2 v + (1 - b2) g^2
 *   update = lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps) - lr wd theta
 * </pre>
 * which is added to the parameters theta. Tribuo 4.3.2's own {@code Adam} multiplies by sqrt(v) + eps instead of
 * dividing and ignores the weight (fixed after the release, oracle/tribuo#401); use this one.
 */
public final class Adam implements StochasticGradientOptimiser, OptimiserStep.RowSparseOptimiser {
    @Config(description = "Learning rate lr.")
    private double learningRate = 1e-3;

    @Config(description = "Decay rate b1 of the first moment, in [0, 1).")
    private double betaOne = 0.9;

    @Config(description = "Decay rate b2 of the second moment, in [0, 1).")
    private double betaTwo = 0.999;

    @Config(description = "Epsilon added to the root of the second moment, > 0.")
    private double epsilon = 1e-8;

    @Config(description = "Decoupled weight decay wd (AdamW), >= 0; 0 is plain Adam.")
    private double weightDecay = 0.0;

    @Config(description = "Lazy Adam: a step updates only the first-layer rows its minibatch touched (its examples' "
            + "features), leaving the other rows and their moments as they are, as TensorFlow's LazyAdam does; much "
            + "faster with many sparse features and small groups. It applies without L2 and weight decay, which touch "
            + "every row; false is exact Adam.")
    private boolean lazy = false;

    private Tensor[] firstMoment;
    private Tensor[] secondMoment;
    private Tensor[] parameters;
    private int iteration;

    /**
     * For OLCUT.
     */
    private Adam() {}

    /**
     * Adam with the usual defaults (b1 0.9, b2 0.999, eps 1e-8, no weight decay).
     * @param learningRate The learning rate.
     */
    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8, 0.0);
    }

    /**
     * Adam, or AdamW with weight decay.
     * @param learningRate The learning rate, &gt; 0.
     * @param betaOne The first-moment decay, in [0, 1).
     * @param betaTwo The second-moment decay, in [0, 1).
     * @param epsilon The epsilon, &gt; 0.
     * @param weightDecay The decoupled weight decay, &gt;= 0.
     */
    public Adam(double learningRate, double betaOne, double betaTwo, double epsilon, double weightDecay) {
        this(learningRate, betaOne, betaTwo, epsilon, weightDecay, false);
    }

    /**
     * Creates Adam, lazy or exact.
     * @param learningRate The learning rate.
     * @param betaOne The first moment's decay rate.
     * @param betaTwo The second moment's decay rate.
     * @param epsilon The epsilon.
     * @param weightDecay The decoupled weight decay (0 for plain Adam).
     * @param lazy Update only the first-layer rows a minibatch touched.
     */
    public Adam(double learningRate, double betaOne, double betaTwo, double epsilon, double weightDecay, boolean lazy) {
        this.learningRate = learningRate;
        this.betaOne = betaOne;
        this.betaTwo = betaTwo;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
        this.lazy = lazy;
        postConfig();
    }

    /**
     * Lazy Adam with the usual betas and epsilon.
     * @param learningRate The learning rate.
     * @return The optimiser.
     */
    public static Adam lazy(double learningRate) {
        return new Adam(learningRate, 0.9, 0.999, 1e-8, 0.0, true);
    }

    /**
     * Does a step update only the rows its minibatch touched?
     * @return True for lazy Adam (without weight decay, which touches every row).
     */
    @Override
    public boolean updatesTouchedRowsOnly() {
        return lazy && weightDecay == 0.0;
    }

    /**
     * A lazy step: the first layer's update is computed for the touched rows only (the others stay zero, their moments
     * unchanged); every later layer as in {@link #step}.
     * @param updates The gradients, overwritten with the update.
     * @param weight The gradient's weight.
     * @param firstLayerRows The first-layer rows the minibatch touched.
     * @return The updates.
     */
    @Override
    public Tensor[] step(Tensor[] updates, double weight, TouchedRows firstLayerRows) {
        iteration++;
        double firstCorrection = 1.0 - Math.pow(betaOne, iteration);
        double secondCorrection = 1.0 - Math.pow(betaTwo, iteration);
        for (int i = 0; i < updates.length; i++) {
            double[][] g = TrainableNetwork.rows(updates[i]);
            double[][] m = TrainableNetwork.rows(firstMoment[i]);
            double[][] v = TrainableNetwork.rows(secondMoment[i]);
            double[][] theta = TrainableNetwork.rows(parameters[i]);
            if (i == 0) {
                for (int r = 0; r < firstLayerRows.count(); r++) {
                    int row = firstLayerRows.row(r);
                    fusedRow(g[row], m[row], v[row], theta[row], weight, firstCorrection, secondCorrection);
                }
            } else {
                for (int row = 0; row < g.length; row++) {
                    fusedRow(g[row], m[row], v[row], theta[row], weight, firstCorrection, secondCorrection);
                }
            }
        }
        return updates;
    }

    /**
     * Used by the OLCUT configuration system, and should not be called by external code.
     */
    @Override
    public void postConfig() {
        if (!(learningRate > 0.0 && Double.isFinite(learningRate))) {
            throw new IllegalArgumentException("learningRate must be finite and > 0, found " + learningRate);
        }
        if (!(betaOne >= 0.0 && betaOne < 1.0)) {
            throw new IllegalArgumentException("betaOne must be in [0, 1), found " + betaOne);
        }
        if (!(betaTwo >= 0.0 && betaTwo < 1.0)) {
            throw new IllegalArgumentException("betaTwo must be in [0, 1), found " + betaTwo);
        }
        if (!(epsilon > 0.0 && Double.isFinite(epsilon))) {
            throw new IllegalArgumentException("epsilon must be finite and > 0, found " + epsilon);
        }
        if (!(weightDecay >= 0.0 && Double.isFinite(weightDecay))) {
            throw new IllegalArgumentException("weightDecay must be finite and >= 0, found " + weightDecay);
        }
    }

    @Override
    public void initialise(Parameters params) {
        firstMoment = params.getEmptyCopy();
        secondMoment = params.getEmptyCopy();
        parameters = params.get();
        iteration = 0;
    }

    @Override
    public Tensor[] step(Tensor[] updates, double weight) {
        iteration++;
        double firstCorrection = 1.0 - Math.pow(betaOne, iteration);
        double secondCorrection = 1.0 - Math.pow(betaTwo, iteration);
        for (int i = 0; i < updates.length; i++) {
            double[][] gradientRows = TrainableNetwork.rows(updates[i]);
            double[][] firstRows = TrainableNetwork.rows(firstMoment[i]);
            double[][] secondRows = TrainableNetwork.rows(secondMoment[i]);
            double[][] parameterRows = TrainableNetwork.rows(parameters[i]);
            if (gradientRows != null && firstRows != null && secondRows != null && parameterRows != null) {
                fusedStep(gradientRows, firstRows, secondRows, parameterRows, weight, firstCorrection, secondCorrection);
                continue;
            }
            firstMoment[i].scaleInPlace(betaOne);
            firstMoment[i].intersectAndAddInPlace(updates[i], g -> (1.0 - betaOne) * weight * g);
            secondMoment[i].scaleInPlace(betaTwo);
            secondMoment[i].intersectAndAddInPlace(updates[i], g -> (1.0 - betaTwo) * weight * weight * g * g);
            updates[i].scaleInPlace(0.0);
            updates[i].intersectAndAddInPlace(firstMoment[i], m -> learningRate * m / firstCorrection);
            updates[i].hadamardProductInPlace(secondMoment[i], v -> 1.0 / (Math.sqrt(v / secondCorrection) + epsilon));
            if (weightDecay > 0.0) {
                updates[i].intersectAndAddInPlace(parameters[i], theta -> -learningRate * weightDecay * theta);
            }
        }
        return updates;
    }

    /** The same update in one pass over a reward network's rows. */
    private void fusedStep(double[][] g, double[][] m, double[][] v, double[][] theta, double weight,
                           double firstCorrection, double secondCorrection) {
        for (int r = 0; r < g.length; r++) {
            fusedRow(g[r], m[r], v[r], theta[r], weight, firstCorrection, secondCorrection);
        }
    }

    private void fusedRow(double[] gr, double[] mr, double[] vr, double[] tr, double weight, double firstCorrection,
                          double secondCorrection) {
        for (int k = 0; k < gr.length; k++) {
            double grad = weight * gr[k];
            mr[k] = betaOne * mr[k] + (1.0 - betaOne) * grad;
            vr[k] = betaTwo * vr[k] + (1.0 - betaTwo) * grad * grad;
            gr[k] = learningRate * (mr[k] / firstCorrection) / (Math.sqrt(vr[k] / secondCorrection) + epsilon)
                    - learningRate * weightDecay * tr[k];
        }
    }

    @Override
    public void reset() {
        firstMoment = null;
        secondMoment = null;
        parameters = null;
        iteration = 0;
    }

    @Override
    public Adam copy() {
        return new Adam(learningRate, betaOne, betaTwo, epsilon, weightDecay, lazy);
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "StochasticGradientOptimiser");
    }

    @Override
    public String toString() {
        return (weightDecay > 0.0 ? "AdamW" : "Adam") + "(learningRate=" + learningRate + ",betaOne=" + betaOne
                + ",betaTwo=" + betaTwo + ",epsilon=" + epsilon + ",weightDecay=" + weightDecay
                + (lazy ? ",lazy=true" : "") + ")";
    }
}
