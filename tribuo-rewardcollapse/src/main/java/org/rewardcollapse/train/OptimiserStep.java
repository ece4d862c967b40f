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

import org.tribuo.ImmutableFeatureMap;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.Tensor;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * How a minibatch's gradient becomes the update of the weights: through any Tribuo optimiser over every weight (with
 * the L2 penalty's gradient added first), or, for an optimiser that can ({@link RowSparseOptimiser}, lazy Adam) and
 * without L2, over only the first-layer rows the minibatch touched.
 */
interface OptimiserStep {
    /**
     * An update of the weights.
     * @param tensors The update, to add to the weights.
     * @param rows The first-layer rows it writes, or null when it may write every weight.
     */
    record Update(Tensor[] tensors, TouchedRows rows) {}

    /**
     * The update for a minibatch (the batch's gradient tensors are overwritten with it).
     * @param batch The batch's loss gradient.
     * @return The update.
     */
    Update step(GroupGradients.Result batch);

    /**
     * The step for an optimiser.
     * @param optimiser The optimiser, initialised on the network.
     * @param network The network being trained.
     * @param l2 The L2 coefficient.
     * @param unpenalised The input columns the L2 penalty leaves alone ({@link #columns}).
     * @param engine The gradient engine, told when a step wrote its gradient tensors everywhere.
     * @return The step.
     */
    static OptimiserStep of(StochasticGradientOptimiser optimiser, TrainableNetwork network, double l2,
                            boolean[] unpenalised, GroupGradients engine) {
        if (optimiser instanceof RowSparseOptimiser sparse && sparse.updatesTouchedRowsOnly()) {
            if (l2 == 0.0) {
                return batch -> new Update(sparse.step(batch.gradient(), 1.0, batch.touched()), batch.touched());
            }
            Warnings.lazyWithL2(l2);
        }
        return batch -> {
            if (l2 > 0.0) {
                network.addL2Gradient(batch.gradient(), l2, unpenalised);
            }
            Tensor[] update = optimiser.step(batch.gradient(), 1.0);
            engine.writtenEverywhere();
            return new Update(update, null);
        };
    }

    /**
     * The input columns that feature names, or prefixes ending in {@code *}, select.
     * @param featureMap The feature ids.
     * @param patterns The names and prefixes.
     * @return True for each selected column.
     */
    static boolean[] columns(ImmutableFeatureMap featureMap, List<String> patterns) {
        boolean[] selected = new boolean[featureMap.size()];
        for (int i = 0; i < selected.length; i++) {
            String name = featureMap.get(i).getName();
            for (String pattern : patterns) {
                if (pattern.endsWith("*") ? name.startsWith(pattern.substring(0, pattern.length() - 1))
                        : name.equals(pattern)) {
                    selected[i] = true;
                }
            }
        }
        return selected;
    }

    /** An optimiser that can update only the first-layer rows a minibatch touched. */
    interface RowSparseOptimiser {
        /**
         * Does a step update only the rows its minibatch touched?
         * @return True when {@link #step(Tensor[], double, TouchedRows)} may be used.
         */
        boolean updatesTouchedRowsOnly();

        /**
         * A step whose first-layer update is computed for the touched rows only (the others stay zero).
         * @param updates The gradients, overwritten with the update.
         * @param weight The gradient's weight.
         * @param firstLayerRows The first-layer rows the minibatch touched.
         * @return The updates.
         */
        Tensor[] step(Tensor[] updates, double weight, TouchedRows firstLayerRows);
    }

    /** Warnings given once per process: model selection trains many times. */
    final class Warnings {
        private static final Logger logger = Logger.getLogger(OptimiserStep.class.getName());
        private static final AtomicBoolean LAZY_WITH_L2 = new AtomicBoolean();

        private Warnings() {}

        static void lazyWithL2(double l2) {
            if (!LAZY_WITH_L2.getAndSet(true)) {
                logger.warning(() -> "lazy Adam updates every row here: L2 " + l2 + " changes every weight at each "
                        + "step, so the step is exact Adam (set L2 to 0 for the lazy update)");
            }
        }
    }
}
