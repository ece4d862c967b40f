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

import java.util.List;

/**
 * Where a Newton training sums its prompt groups when not on this JVM's threads: a cluster's executors (Spark's, in
 * {@code org.rewardcollapse.spark.SparkNewtonTraining}). The driver ({@link LinearRewardTrainer#train(
 * org.tribuo.Dataset, java.util.Map, NewtonGroupSums)}) checks the settings and data, hands the groups over once, asks
 * for their sums at every point the solver visits, adds the L2 penalty, solves on its own JVM with
 * {@link NewtonSolver} and makes the model; so only the sums over groups move.
 */
@FunctionalInterface
public interface NewtonGroupSums {
    /**
     * Hands the training groups over.
     * @param groups The groups, in the order of the local training's.
     * @param features The number of features d.
     * @param loss The loss of every group.
     * @return Their sums, to close when the training ends.
     */
    Summation distribute(List<NewtonGroup> groups, int features, RankingLoss loss);

    /** The distributed groups' sums, at any point. */
    interface Summation extends AutoCloseable {
        /**
         * Sums every group ({@link NewtonGroup#addTo}) at a point, without the L2 penalty. For results that do not
         * depend on the cluster's timing, the groups of a part are added in their order and the parts merged in a
         * fixed order.
         * @param point The weights, then the bias.
         * @param curvature Sum the Hessian too.
         * @return The sums, over every group.
         */
        NewtonSums at(double[] point, boolean curvature);

        /** Releases what the groups hold (a cached RDD, say). */
        @Override
        void close();
    }
}
