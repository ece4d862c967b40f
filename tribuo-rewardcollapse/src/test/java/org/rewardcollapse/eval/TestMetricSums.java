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
package org.rewardcollapse.eval;

import org.junit.jupiter.api.Test;
import org.rewardcollapse.model.GroupRewards;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Sums of groups merged in any split equal the sums of all groups added at once: what lets a distributed
 * evaluation equal the single-machine one.
 */
class TestMetricSums {
    @Test
    void mergedPartsEqualTheWhole() {
        SplittableRandom rng = new SplittableRandom(5);
        List<GroupRewards> groups = new ArrayList<>();
        List<double[]> lengths = new ArrayList<>();
        for (int g = 0; g < 300; g++) {
            int n = 2 + rng.nextInt(6);
            double[] scores = new double[n];
            double[] rewards = new double[n];
            double[] length = new double[n];
            for (int i = 0; i < n; i++) {
                scores[i] = g % 37 == 0 ? 2000 + i : rng.nextInt(4);
                rewards[i] = rng.nextDouble() * 3 - 1;
                length[i] = rng.nextInt(50);
            }
            groups.add(new GroupRewards("p" + g, g % 2 == 0 ? "open" : null, scores, rewards));
            lengths.add(length);
        }
        MetricSums whole = new MetricSums();
        MetricSums[] parts = {new MetricSums(), new MetricSums(), new MetricSums()};
        for (int g = 0; g < groups.size(); g++) {
            whole.add(groups.get(g), lengths.get(g), 5);
            parts[rng.nextInt(3)].add(groups.get(g), lengths.get(g), 5);
        }
        MetricSums merged = new MetricSums().merge(parts[2]).merge(parts[0].merge(parts[1]));
        RankingReport.Metrics expected = whole.metrics(5);
        RankingReport.Metrics actual = merged.metrics(5);
        assertEquals(expected.groups(), actual.groups());
        assertEquals(expected.pairs(), actual.pairs());
        assertEquals(expected.pairwiseAccuracy(), actual.pairwiseAccuracy(), 1e-12);
        assertEquals(expected.groupPairwiseAccuracy(), actual.groupPairwiseAccuracy(), 1e-12);
        assertEquals(expected.kendallTau(), actual.kendallTau(), 1e-12);
        assertEquals(expected.spearmanRho(), actual.spearmanRho(), 1e-12);
        assertEquals(expected.ndcg(), actual.ndcg(), 1e-12);
        assertEquals(expected.ndcgGroups(), actual.ndcgGroups());
        assertEquals(expected.rewardMean(), actual.rewardMean(), 1e-12);
        assertEquals(expected.rewardStd(), actual.rewardStd(), 1e-12);
        assertEquals(expected.withinGroupStd(), actual.withinGroupStd(), 1e-12);
        assertEquals(whole.lengthBaselines().longerWins(), merged.lengthBaselines().longerWins(), 1e-12);
        assertEquals(expected.withinGroupSpread(), actual.withinGroupSpread());
        assertEquals(whole.lengthBias().shorterBetterPairs(), merged.lengthBias().shorterBetterPairs());
        assertEquals(whole.lengthBias().lengthControlledAccuracy(), merged.lengthBias().lengthControlledAccuracy(),
                1e-12);
        assertEquals(whole.lengthBias().rewardLengthRho(), merged.lengthBias().rewardLengthRho(), 1e-12);
        assertEquals("p0", merged.firstUngraded());
        assertEquals(whole.ungraded(), merged.ungraded());
        assertEquals(whole.rewardsLeaveUnitInterval(), merged.rewardsLeaveUnitInterval());
    }
}
