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
import org.rewardcollapse.data.ResponseFeaturizer;
import org.rewardcollapse.data.SyntheticRankingSource;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestRankingEvaluator {
    @Test
    void tribuoMetricsAgreeWithTheReportAndTheTrainingUtilitiesAreUsed() {
        MutableDataset<Regressor> data = new MutableDataset<>(new SyntheticRankingSource(60, 0.5, 2L,
                ResponseFeaturizer.defaults()));
        RewardModel model = LinearRewardTrainer.builder().policy("open=inverse,closed=linear").bounded(true)
                .epochs(5).build().train(data);
        RankingEvaluation evaluation = new RankingEvaluator().evaluate(model, data);
        RankingReport report = evaluation.report();
        assertEquals(report.overall().pairwiseAccuracy(),
                evaluation.get(RankingMetric.id(RankingMetric.Kind.PAIRWISE_ACCURACY, 10)));
        assertEquals(report.overall().ndcg(), evaluation.get(RankingMetric.id(RankingMetric.Kind.NDCG, 10)));
        assertEquals(report.collapse().orElseThrow().collapseGap(),
                evaluation.get(RankingMetric.id(RankingMetric.Kind.COLLAPSE_GAP, 10)));
        assertEquals(7, evaluation.asMap().size());
        CollapseDiagnostics collapse = report.collapse().orElseThrow();
        assertEquals(Map.of("closed", "linear", "open", "inverse,eps=0.1"), Map.of(
                "closed", collapse.classes().get("closed").utility(), "open", collapse.classes().get("open").utility()));
        assertEquals(false, collapse.normalised(), "bounded rewards are profiled as they are");
        assertEquals(model.getProvenance(), evaluation.getProvenance().getModelProvenance());
        assertTrue(report.overall().pairwiseAccuracy() > 0.9, "a linear model orders truncations by length");
        assertEquals(data.size(), evaluation.getPredictions().size());
    }
}
