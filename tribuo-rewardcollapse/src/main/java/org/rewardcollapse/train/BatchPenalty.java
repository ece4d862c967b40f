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

import org.rewardcollapse.data.RankingGroup;
import org.rewardcollapse.model.SparseFeatures;
import org.tribuo.math.la.Tensor;

import java.util.List;

/**
 * A term added to each minibatch's ranking loss beside the pairs' utilities, with what it changes in training: the
 * features the trained reward is judged by, its gradient at each response, and the weights the model keeps. The
 * paper's objective has none ({@link #NONE}); {@link LengthDecorrelation} is one.
 */
interface BatchPenalty {
    /** No penalty: the paper's objective. */
    BatchPenalty NONE = new BatchPenalty() {
        @Override
        public double prepare(TrainableNetwork network, List<RankingGroup> groups, int[] order, int from, int to) {
            return 0.0;
        }

        @Override
        public void backward(TrainableNetwork network, int example, Tensor[] gradient) {}

        @Override
        public SparseFeatures judged(int example, SparseFeatures features) {
            return features;
        }

        @Override
        public void finish(Tensor[] weights) {}
    };

    /**
     * Computes the penalty of a minibatch at the current weights, and its slope at each of the batch's responses for
     * {@link #backward}.
     * @param network The network being trained.
     * @param groups All groups.
     * @param order Group indices.
     * @param from The batch's first position in {@code order}.
     * @param to One past its last position.
     * @return The penalty, to be counted once per group in the batch's summed loss.
     */
    double prepare(TrainableNetwork network, List<RankingGroup> groups, int[] order, int from, int to);

    /**
     * Adds the penalty's negative gradient at one response of the last prepared batch.
     * @param network The network being trained.
     * @param example The response's example index.
     * @param gradient The batch's gradient, to add to.
     */
    void backward(TrainableNetwork network, int example, Tensor[] gradient);

    /**
     * The features by which the trained reward of a response is judged (in validation, snapshots and statistics).
     * @param example The response's example index.
     * @param features Its features.
     * @return The features the model will score it by.
     */
    SparseFeatures judged(int example, SparseFeatures features);

    /**
     * Turns the trained weights into the model's.
     * @param weights The network's weights, changed in place.
     */
    void finish(Tensor[] weights);
}
