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

import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.rewardcollapse.model.RewardHead;

import java.util.List;

/**
 * The mean and standard deviation of a trained model's rewards on its training groups, which the model keeps (to
 * standardise its predictions when asked, and to report them).
 */
final class RewardStatistics {
    private RewardStatistics() {}

    /**
     * The head with the statistics of some rewards, computed on rewards scaled by their largest magnitude so that huge
     * (but finite) rewards do not overflow the second moment.
     * @param head The trained head.
     * @param normalise Standardise predictions with the statistics.
     * @param rewards The training groups' rewards.
     * @return The head with its statistics.
     */
    static RewardHead of(RewardHead head, boolean normalise, List<double[]> rewards) {
        double scale = 0.0;
        for (double[] r : rewards) {
            for (double v : r) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        if (scale == 0.0 || !Double.isFinite(scale)) {
            scale = 1.0;
        }
        SummaryStatistics statistics = new SummaryStatistics();
        for (double[] r : rewards) {
            for (double v : r) {
                statistics.addValue(v / scale);
            }
        }
        return head.withStatistics(normalise, statistics.getMean() * scale, statistics.getStandardDeviation() * scale);
    }
}
