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

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rewardcollapse.data.RankingMetadata;
import org.rewardcollapse.data.features.ResponseFeaturizer;
import org.rewardcollapse.data.synthetic.SyntheticRankingSource;
import org.rewardcollapse.model.RewardModel;
import org.rewardcollapse.train.LinearRewardTrainer;
import org.rewardcollapse.train.RankingObjective;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.regression.Regressor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestRankingEvaluator {
    private static MutableDataset<Regressor> data;
    private static RewardModel model;

    @BeforeAll
    static void train() {
        data = new MutableDataset<>(new SyntheticRankingSource(60, 0.5, 2L, ResponseFeaturizer.defaults()));
        model = LinearRewardTrainer.builder().objective(RankingObjective.of("open=inverse,closed=linear", true))
                .epochs(5).build()
                .train(data);
    }

    /** The model's predictions grouped by prompt, each as {score, reward} pairs: the brute-force references' input. */
    private static Map<String, List<double[]>> byPrompt() {
        Map<String, List<double[]>> groups = new LinkedHashMap<>();
        for (Prediction<Regressor> p : model.predict(data)) {
            String id = p.getExample().getMetadataValue("prompt_id").orElseThrow().toString();
            groups.computeIfAbsent(id, k -> new ArrayList<>()).add(new double[]{
                    p.getExample().getOutput().getValues()[0], p.getOutput().getValues()[0]});
        }
        return groups;
    }

    @Test
    void pairwiseAccuracyIsTheBruteForceCountOverAllOrderedPairs() {
        double correct = 0;
        long pairs = 0;
        for (List<double[]> group : byPrompt().values()) {
            for (double[] i : group) {
                for (double[] j : group) {
                    if (i[0] > j[0]) {
                        pairs++;
                        correct += i[1] > j[1] ? 1 : i[1] == j[1] ? 0.5 : 0;
                    }
                }
            }
        }
        RankingEvaluation evaluation = new RankingEvaluator().evaluate(model, data);
        assertEquals(correct / pairs, evaluation.get(RankingMetric.id(RankingMetric.Kind.PAIRWISE_ACCURACY, 10)), 1e-12);
        assertEquals(7, evaluation.asMap().size());
        assertEquals(data.size(), evaluation.getPredictions().size());
        assertEquals(model.getProvenance(), evaluation.getProvenance().getModelProvenance());
    }

    @Test
    void ndcgUsesTheEvaluatorsCutOffAndMatchesABruteForceDcg() {
        int k = 3;
        double sum = 0;
        int groups = 0;
        for (List<double[]> group : byPrompt().values()) {
            List<double[]> byReward = new ArrayList<>(group);
            // Pessimistic ties: among equal rewards the lower label comes first.
            byReward.sort((x, y) -> x[1] != y[1] ? Double.compare(y[1], x[1]) : Double.compare(x[0], y[0]));
            List<double[]> ideal = new ArrayList<>(group);
            ideal.sort((x, y) -> Double.compare(y[0], x[0]));
            double dcg = 0;
            double idcg = 0;
            for (int r = 0; r < Math.min(k, group.size()); r++) {
                double discount = 1 / (Math.log(r + 2) / Math.log(2));
                dcg += (Math.pow(2, byReward.get(r)[0]) - 1) * discount;
                idcg += (Math.pow(2, ideal.get(r)[0]) - 1) * discount;
            }
            if (idcg > 0) {
                sum += dcg / idcg;
                groups++;
            }
        }
        RankingEvaluation evaluation = new RankingEvaluator(RankingMetadata.DEFAULT_PROMPT_ID_KEY,
                RankingMetadata.DEFAULT_PROMPT_TYPE_KEY, k).evaluate(model, data);
        assertEquals(sum / groups, evaluation.get(RankingMetric.id(RankingMetric.Kind.NDCG, k)), 1e-12);
        assertTrue(evaluation.asMap().keySet().stream().anyMatch(id -> id.getB().equals("ndcg@3")),
                evaluation.asMap().keySet().toString());
    }

    @Test
    void theTheoryDistancesUseTheUtilitiesTheModelTrainedWith() {
        CollapseDiagnostics collapse = new RankingEvaluator().evaluate(model, data).report().collapse().orElseThrow();
        assertEquals("linear", collapse.classes().get("closed").utilitySpec());
        assertEquals("inverse,eps=0.1", collapse.classes().get("open").utilitySpec());
        assertEquals(false, collapse.normalised(), "bounded rewards are profiled as they are");
        CollapseDiagnostics overridden = new RankingEvaluator(RankingMetadata.DEFAULT_PROMPT_ID_KEY,
                RankingMetadata.DEFAULT_PROMPT_TYPE_KEY, 10, RankingReport.Normalisation.YES,
                org.rewardcollapse.utility.UtilityByType.everyPrompt(org.rewardcollapse.utility.Utilities.parse("log")))
                .evaluate(model, data).report().collapse().orElseThrow();
        assertEquals("log", overridden.classes().get("open").utilitySpec());
        assertTrue(overridden.normalised());
    }
}
