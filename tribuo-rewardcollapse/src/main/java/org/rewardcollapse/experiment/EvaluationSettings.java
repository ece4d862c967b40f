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
package org.rewardcollapse.experiment;
import org.rewardcollapse.data.features.EncoderSetup;
import org.rewardcollapse.eval.RankingEvaluator;
import org.rewardcollapse.eval.RankingReport;
import org.rewardcollapse.utility.UtilityByType;

/**
 * How an evaluation reads rewards: the NDCG cut-off, and optional overrides of what the model says (how rewards are
 * normalised for the profiles, the utility of each prompt type for the theory distances).
 *
 * @param ndcgK The NDCG cut-off, &gt;= 1.
 * @param normalisation The normalisation, or null for the model's rule ({@link RankingEvaluator#normalisationFor}).
 * @param utilities The utilities, or null for the model's own.
 * @param encoder Where the model's sentence encoder is now (its files must be the recorded ones), its device and
 *                its cache.
 */
public record EvaluationSettings(int ndcgK, RankingReport.Normalisation normalisation, UtilityByType utilities,
                                 EncoderSetup encoder) {
    /**
     * Checks the cut-off.
     */
    public EvaluationSettings {
        if (ndcgK < 1) {
            throw new IllegalArgumentException("the NDCG cut-off must be >= 1, found " + ndcgK);
        }
    }

    /**
     * NDCG@k and everything else from the model.
     * @param ndcgK The cut-off.
     * @return The settings.
     */
    public static EvaluationSettings ndcgAt(int ndcgK) {
        return new EvaluationSettings(ndcgK, null, null, EncoderSetup.RECORDED);
    }

    /**
     * The evaluator of these settings for data with the given metadata keys.
     * @param promptIdKey The prompt-id key.
     * @param promptTypeKey The prompt-type key.
     * @return The evaluator.
     */
    public RankingEvaluator evaluator(String promptIdKey, String promptTypeKey) {
        return new RankingEvaluator(promptIdKey, promptTypeKey, ndcgK, normalisation, utilities);
    }
}
